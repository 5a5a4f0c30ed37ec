//! `.trellis-manifest`: what Trellis wrote into the output folder, as `size hash path` lines.
//! A file is deleted only when the manifest lists it *and* its bytes still have the size and
//! hash recorded, so a forged or stale manifest cannot make Trellis delete a file it did not
//! write, and a file the user edited since is kept.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path};

/// The file in the output folder listing what Trellis wrote there.
pub const MANIFEST: &str = ".trellis-manifest";
const HEADER: &str = "# Files written by Trellis into this folder (size, hash, path); it removes only these, and only while unchanged. Do not edit.";

/// The largest manifest Trellis reads; a bigger one is not Trellis's.
const MAX_MANIFEST_BYTES: u64 = 64 << 20;

/// What a file held when Trellis wrote it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Stamp {
    pub size: u64,
    pub hash: u64,
}

impl Stamp {
    pub fn of(bytes: &[u8]) -> Stamp {
        Stamp {
            size: bytes.len() as u64,
            hash: hash(bytes),
        }
    }
}

/// The files a manifest lists, by path inside the output folder. A path may carry several
/// stamps (the old and the new bytes while a build replaces it) or none (a manifest from
/// before stamps: Trellis may overwrite such a file but never deletes it).
pub type Manifest = BTreeMap<String, BTreeSet<Stamp>>;

/// Reads the manifest in `folder`; a missing, irregular or unreadable one lists nothing.
/// Lines that could name a file outside the folder are ignored.
pub fn read(folder: &Path) -> Manifest {
    let path = folder.join(MANIFEST);
    let regular = std::fs::symlink_metadata(&path)
        .is_ok_and(|m| m.is_file() && m.len() <= MAX_MANIFEST_BYTES);
    let text = match regular.then(|| std::fs::read_to_string(&path)) {
        Some(Ok(text)) => text,
        _ => return Manifest::new(),
    };
    let mut manifest = Manifest::new();
    for line in text
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let (stamp, path) = parse_line(line);
        if is_inside(path) {
            let stamps = manifest.entry(path.to_string()).or_default();
            stamps.extend(stamp);
        }
    }
    manifest
}

fn parse_line(line: &str) -> (Option<Stamp>, &str) {
    let mut parts = line.splitn(3, ' ');
    if let (Some(size), Some(hash), Some(path)) = (parts.next(), parts.next(), parts.next()) {
        if let (Ok(size), Ok(hash)) = (size.parse(), u64::from_str_radix(hash, 16)) {
            return (Some(Stamp { size, hash }), path);
        }
    }
    (None, line)
}

/// Whether a manifest path stays inside the folder: plain names only.
fn is_inside(path: &str) -> bool {
    !path.contains('\\')
        && Path::new(path)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

/// The manifest's text.
pub fn render(manifest: &Manifest) -> String {
    let mut text = String::from(HEADER);
    text.push('\n');
    for (path, stamps) in manifest {
        for stamp in stamps {
            text.push_str(&format!("{} {:016x} {path}\n", stamp.size, stamp.hash));
        }
    }
    text
}

/// A 64-bit hash of `bytes`, stable across platforms and releases. It tells a file Trellis
/// wrote from one changed since (together with the size); it is not meant to resist forgery,
/// since whoever can forge the manifest can delete the files themselves.
pub fn hash(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut hash = 0xcbf2_9ce4_8422_2325u64 ^ bytes.len() as u64;
    let mut words = bytes.chunks_exact(8);
    for word in &mut words {
        let w = u64::from_le_bytes([
            word[0], word[1], word[2], word[3], word[4], word[5], word[6], word[7],
        ]);
        hash = (hash.rotate_left(23) ^ w).wrapping_mul(K);
    }
    for &byte in words.remainder() {
        hash = (hash.rotate_left(23) ^ u64::from(byte)).wrapping_mul(K);
    }
    // Final avalanche (MurmurHash3's fmix64), so every input bit reaches every output bit.
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xff51_afd7_ed55_8ccd);
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    hash ^ (hash >> 33)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_lines_cannot_escape_the_output() {
        let dir = std::env::temp_dir().join(format!("trellis-manifest-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join(MANIFEST),
            "# header\n3 00000000000000ff ok/index.html\nold/page.html\n../outside.txt\n/etc/passwd\n1 0000000000000001 sub/../../x\n",
        )
        .unwrap();
        let manifest = read(&dir);
        let paths: Vec<&str> = manifest.keys().map(String::as_str).collect();
        assert_eq!(paths, ["ok/index.html", "old/page.html"]);
        assert_eq!(
            manifest["ok/index.html"].iter().collect::<Vec<_>>(),
            [&Stamp { size: 3, hash: 255 }]
        );
        assert!(manifest["old/page.html"].is_empty());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_rendered_manifest_reads_back() {
        let mut manifest = Manifest::new();
        manifest
            .entry("a b/index.html".into())
            .or_default()
            .insert(Stamp::of(b"<p>hi</p>"));
        let dir = std::env::temp_dir().join(format!("trellis-roundtrip-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(MANIFEST), render(&manifest)).unwrap();
        assert_eq!(read(&dir), manifest);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn hashes_are_stable_and_tell_bytes_apart() {
        assert_eq!(hash(b"same bytes"), hash(b"same bytes"));
        assert_ne!(hash(b"abcdefgh"), hash(b"abcdefgi"));
        assert_ne!(hash(b""), hash(b"\0"));
        assert_ne!(hash(b"\0"), hash(b"\0\0"));
    }
}

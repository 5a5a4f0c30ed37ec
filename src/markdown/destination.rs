//! Link and image destinations as written: same-page fragments, relative source paths and
//! absolute URLs, and the schemes and hosts a page may not use.

use super::Problem;

pub(super) enum LinkKind {
    Link,
    Image,
}

pub(super) enum Destination<'a> {
    /// `#id` on the same page.
    Fragment(&'a str),
    /// A path relative to the page's source file.
    Relative,
    /// An absolute URL or a root-relative path, left as it is.
    Absolute,
}

/// Sorts a destination into its kind, refusing schemes that could run code and remote images.
pub(super) fn classify(dest: &str, kind: LinkKind) -> Result<Destination<'_>, Problem> {
    if let Some(fragment) = dest.strip_prefix('#') {
        return Ok(Destination::Fragment(fragment));
    }
    if let Some(scheme) = scheme_of(dest) {
        let allowed = match kind {
            LinkKind::Link => ["http", "https", "mailto", "tel"].contains(&scheme.as_str()),
            LinkKind::Image => false,
        };
        return if allowed {
            Ok(Destination::Absolute)
        } else if matches!(kind, LinkKind::Image) && (scheme == "http" || scheme == "https") {
            Err(remote_image(dest))
        } else {
            Err(Problem::new(
                format!("link scheme `{scheme}:` is not allowed"),
                Some(
                    "links may use http, https, mailto and tel, or point to a file of the site"
                        .into(),
                ),
            ))
        };
    }
    if dest.starts_with("//") {
        return match kind {
            LinkKind::Link => Ok(Destination::Absolute),
            LinkKind::Image => Err(remote_image(dest)),
        };
    }
    if dest.starts_with('/') {
        return Ok(Destination::Absolute);
    }
    if dest.is_empty() {
        return Err(Problem::new(
            "empty link destination",
            Some("write the path of a page, e.g. `02-planning.md`".into()),
        ));
    }
    Ok(Destination::Relative)
}

fn remote_image(dest: &str) -> Problem {
    Problem::new(
        format!("remote image `{dest}`: pages may not load anything from another host"),
        Some("save the image beside the page and link to it by its file name".into()),
    )
}

/// The scheme of a URL, lower-cased, after dropping the whitespace and control characters
/// browsers ignore (so `java\tscript:` is caught too).
pub fn scheme_of(dest: &str) -> Option<String> {
    let cleaned: String = dest
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .take_while(|c| *c != '/' && *c != '?' && *c != '#')
        .collect();
    let (scheme, _) = cleaned.split_once(':')?;
    let valid = scheme
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    valid.then(|| scheme.to_ascii_lowercase())
}

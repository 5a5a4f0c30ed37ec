//! Reading a theme's files: the built-in templates and static files, each overridden by the
//! site's theme folder.

use std::collections::BTreeMap;
use std::path::Path;

use super::{Templates, BUILTIN_PREFIX, BUILTIN_STATIC, BUILTIN_TEMPLATES};
use crate::diagnostics::Diagnostic;
use crate::load::{self, SourceFile};

/// The built-in templates, each overridden by a file of `template_dir` of the same name.
pub(super) fn read_templates(
    root: &Path,
    template_dir: &Path,
    problems: &mut Vec<Diagnostic>,
) -> Templates {
    let mut templates: BTreeMap<String, String> = BTreeMap::new();
    for (template, text) in BUILTIN_TEMPLATES {
        templates.insert(template.to_string(), text.to_string());
        templates.insert(format!("{BUILTIN_PREFIX}{template}"), text.to_string());
    }
    let mut sources = BTreeMap::new();
    let mut site_templates = BTreeMap::new();
    let walked = load::walk(root, template_dir);
    problems.extend(walked.problems);
    for path in walked.files {
        let name =
            crate::diagnostics::display_path(path.strip_prefix(template_dir).unwrap_or(&path));
        if let Some(file) = SourceFile::read(root, &path, problems) {
            site_templates.insert(name.clone(), file.text.clone());
            templates.insert(name.clone(), file.text);
            sources.insert(name, path);
        }
    }
    (templates, sources, site_templates)
}

/// The built-in static files, each overridden by a file of `static_dir` of the same path.
pub(super) fn read_static(
    root: &Path,
    static_dir: &Path,
    problems: &mut Vec<Diagnostic>,
) -> BTreeMap<String, Vec<u8>> {
    let mut static_files: BTreeMap<String, Vec<u8>> = BUILTIN_STATIC
        .iter()
        .map(|(name, bytes)| (name.to_string(), bytes.to_vec()))
        .collect();
    let walked = load::walk(root, static_dir);
    problems.extend(walked.problems);
    for path in walked.files {
        let name = crate::diagnostics::display_path(path.strip_prefix(static_dir).unwrap_or(&path));
        match load::read_bytes(root, &path) {
            Ok(bytes) => {
                static_files.insert(name, bytes);
            }
            Err(d) => problems.push(d),
        }
    }
    static_files
}

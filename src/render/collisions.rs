//! Rendering: when two inputs would be written to the same output file, which inputs they
//! are. Looked up only after a collision, from the site and the theme, so that the
//! common path (no collision) keeps no record of where each file came from.

use std::path::Path;

use super::links::Urls;
use super::Theme;
use crate::diagnostics::{display_path, Diagnostic, Position};
use crate::model::Site;

/// The message `insert_shared` gives a collision before [`name_sources`] explains it.
pub(super) const SAME_OUTPUT: &str = "two things would be written to the same output file";

/// Rewrites each collision among `problems` into an error at one of the two inputs, naming
/// the other with its position and the URL they share.
pub(super) fn name_sources(site: &Site, theme: &Theme, problems: &mut [Diagnostic]) {
    let urls = &Urls::new(&site.config, &site.language);
    for problem in problems.iter_mut().filter(|p| p.message == SAME_OUTPUT) {
        let output = problem.path.clone();
        let mut sources = sources_of(site, theme, urls, &output);
        sources.truncate(2);
        let url = urls.served_at(&output);
        let (first, help) = match sources.len() {
            2 => (
                sources.remove(0),
                format!("the other is {}; rename one of them", sources[0].located()),
            ),
            1 => (
                sources.remove(0),
                "Trellis writes that file itself; rename or remove this one".to_string(),
            ),
            _ => continue,
        };
        let mut explained = Diagnostic::error(
            &first.path,
            format!("this file and another would both be written to `{url}`"),
        )
        .help(help);
        explained.position = first.position;
        *problem = explained;
    }
}

/// An input file, with the position messages point at (none for files that are not text).
struct Source {
    path: String,
    position: Option<Position>,
}

impl Source {
    fn page(path: &Path) -> Source {
        Source {
            path: display_path(path),
            position: Some(Position::START),
        }
    }

    fn located(&self) -> String {
        match self.position {
            Some(p) => format!("{}:{}:{}", self.path, p.line, p.col),
            None => self.path.clone(),
        }
    }
}

/// The site's inputs that are written to `output`: pages, toolkit assets, theme files.
fn sources_of(site: &Site, theme: &Theme, urls: &Urls, output: &str) -> Vec<Source> {
    let mut sources = Vec::new();
    for toolkit in site.all_editions() {
        for page in &toolkit.pages {
            let url = urls.toolkit_page(&toolkit.root, &page.url_path);
            if urls
                .output_path(&url)
                .is_ok_and(|path| path.as_str() == output)
            {
                sources.push(Source::page(&page.file.path));
            }
        }
        for asset in &toolkit.assets {
            if urls.asset_output_path(&toolkit.root, &asset.url_path) == output {
                sources.push(Source {
                    path: display_path(&asset.source),
                    position: None,
                });
            }
        }
    }
    for page in &site.pages {
        let url = urls.page(&page.url_path);
        if urls
            .output_path(&url)
            .is_ok_and(|path| path.as_str() == output)
        {
            sources.push(Source::page(&page.file.path));
        }
    }
    if theme.static_files.contains_key(output) {
        let file = Path::new("themes")
            .join(&site.config.theme)
            .join("static")
            .join(output);
        let path = if site.root.join(&file).is_file() {
            display_path(&file)
        } else {
            format!("(the built-in theme's static/{output})")
        };
        sources.push(Source {
            path,
            position: None,
        });
    }
    sources
}

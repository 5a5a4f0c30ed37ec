//! What a bundle hands out: one district's guide or one regional toolkit.

use crate::diagnostics::Diagnostic;
use crate::model::Site;
use crate::search::Within;

/// The district or toolkit a bundle is made for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// A district's editions of every toolkit, its page and the listings open to its
    /// students (`--district <id>`).
    District(String),
    /// One regional toolkit (`--toolkit <slug>`).
    Toolkit(String),
}

impl Scope {
    /// Narrows `site` to what the bundle hands out, its search index included.
    pub fn narrow(&self, site: &mut Site) -> Result<(), Diagnostic> {
        match self {
            Scope::District(id) => {
                site.narrow_to_district(id)?;
                site.config.search_within = Within::District;
            }
            Scope::Toolkit(slug) => {
                site.narrow_to_toolkit(slug)?;
                site.config.search_within = Within::Toolkit(slug.clone());
            }
        }
        Ok(())
    }

    /// The id or slug it names.
    pub fn id(&self) -> &str {
        match self {
            Scope::District(id) | Scope::Toolkit(id) => id,
        }
    }

    /// Where its pages start, inside a language's folder: `districts/<id>/` or
    /// `toolkits/<slug>/`.
    pub fn start(&self) -> String {
        match self {
            Scope::District(id) => format!("districts/{id}/index.html"),
            Scope::Toolkit(slug) => format!("toolkits/{slug}/index.html"),
        }
    }
}

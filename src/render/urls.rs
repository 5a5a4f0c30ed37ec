//! Render stage: every URL of the site, root-relative under its base path, and the output
//! path each page is written to. No other code assembles a site URL.
//!
//! A language edition's pages live under `<base_path><code>/` while the files every edition
//! shares (the theme's static files, toolkit assets, the sitemap) stay at the base path: page
//! URLs start with [`Urls::pages`], shared files' with [`Urls::base_path`]. Output paths are
//! relative to the edition's own folder; [`crate::render::Mounted`] puts a language's
//! files under `<code>/`.

use super::links::percent_encode_path;
use super::OutputPath;

/// How URLs are made: everything is root-relative under the site's base path. Every URL
/// of the site is made here, and nowhere else.
pub struct Urls {
    /// The site's path, with leading and trailing slashes (`/` or `/wbl/`): every URL starts with it.
    pub base_path: String,
    /// The site's address without a trailing slash (`https://example.org/wbl`).
    pub base_url: String,
    /// Where the pages of the edition being rendered live: the base path, and for a
    /// language other than the default its code (`/wbl/es/`).
    pub pages: String,
}

impl Urls {
    /// The URLs of the site `config` describes, for its pages in `language`.
    pub fn new(config: &crate::config::SiteConfig, language: &crate::model::Language) -> Urls {
        Urls {
            base_path: config.base_path.clone(),
            base_url: config.base_url.clone(),
            pages: format!("{}{}", config.base_path, language.prefix()),
        }
    }

    /// The same URL in the edition whose pages live under `pages`: a page URL of this
    /// edition with its page base swapped; any other URL unchanged.
    pub fn in_edition(&self, url: &str, pages: &str) -> String {
        match url.strip_prefix(&self.pages) {
            Some(rest) => format!("{pages}{rest}"),
            None => url.to_string(),
        }
    }

    /// The absolute form of a root-relative `url`, for feeds, structured data, the sitemap
    /// and canonical links.
    pub fn absolute(&self, url: &str) -> String {
        let path = url.strip_prefix(&self.base_path).unwrap_or(url);
        format!("{}/{path}", self.base_url)
    }

    /// The home page: the base path itself.
    pub fn home(&self) -> String {
        self.pages.clone()
    }

    /// The index of toolkits: `<base>toolkits/`.
    pub fn toolkits(&self) -> String {
        format!("{}toolkits/", self.pages)
    }

    /// A page of a toolkit edition whose pages live under `root` (see `Toolkit::root`).
    pub fn toolkit_page(&self, root: &str, url_path: &str) -> String {
        if url_path.is_empty() {
            format!("{}{root}/", self.pages)
        } else {
            format!("{}{root}/{url_path}/", self.pages)
        }
    }

    /// An asset of a toolkit edition whose pages live under `root`, its path percent-encoded.
    pub fn toolkit_file(&self, root: &str, url_path: &str) -> String {
        format!("{}{root}/{}", self.base_path, percent_encode_path(url_path))
    }

    /// The standalone page `slug` from `content/pages/`: `<base><slug>/`.
    pub fn page(&self, slug: &str) -> String {
        format!("{}{slug}/", self.pages)
    }

    /// The file at `path` from the site's root URL, percent-encoded.
    pub fn file(&self, path: &str) -> String {
        format!("{}{}", self.base_path, percent_encode_path(path))
    }

    /// The search page: `<base>search/`.
    pub fn search(&self) -> String {
        format!("{}search/", self.pages)
    }

    /// The page for missing addresses: `<base>404.html`.
    pub fn not_found(&self) -> String {
        format!("{}404.html", self.pages)
    }

    /// The index of districts: `<base>districts/`.
    pub fn districts(&self) -> String {
        format!("{}districts/", self.pages)
    }

    /// The page of the district `id`: `<base>districts/<id>/`.
    pub fn district(&self, id: &str) -> String {
        format!("{}districts/{id}/", self.pages)
    }

    /// The open listing.
    pub fn opportunities(&self) -> String {
        format!("{}opportunities/", self.pages)
    }

    /// The listing of closed opportunities.
    pub fn archive(&self) -> String {
        format!("{}opportunities/archive/", self.pages)
    }

    /// The page of the opportunity `id`: `<base>opportunities/<id>/`.
    pub fn opportunity(&self, id: &str) -> String {
        format!("{}opportunities/{id}/", self.pages)
    }

    /// The listing of open opportunities with `value` for `facet`.
    pub fn facet(&self, facet: &str, value: &str) -> String {
        format!("{}opportunities/{facet}/{value}/", self.pages)
    }

    /// Page `number` (from 1) of a paginated listing whose first page is `first`.
    pub fn paged(&self, first: &str, number: usize) -> String {
        if number <= 1 {
            first.to_string()
        } else {
            format!("{first}page/{number}/")
        }
    }

    /// The index of employers: `<base>employers/`.
    pub fn employers(&self) -> String {
        format!("{}employers/", self.pages)
    }

    /// The page of the employer `id`: `<base>employers/<id>/`.
    pub fn employer(&self, id: &str) -> String {
        format!("{}employers/{id}/", self.pages)
    }

    /// The index of pathways: `<base>pathways/`.
    pub fn pathways(&self) -> String {
        format!("{}pathways/", self.pages)
    }

    /// The page of the pathway `id`: `<base>pathways/<id>/`.
    pub fn pathway(&self, id: &str) -> String {
        format!("{}pathways/{id}/", self.pages)
    }

    /// The Atom feed of open opportunities.
    pub fn feed(&self) -> String {
        format!("{}opportunities/feed.xml", self.pages)
    }

    /// The iCalendar file of deadlines.
    pub fn calendar(&self) -> String {
        format!("{}opportunities/deadlines.ics", self.pages)
    }

    /// The catalog as a spreadsheet: `<base>opportunities.csv`.
    pub fn catalog_csv(&self) -> String {
        format!("{}opportunities.csv", self.pages)
    }

    /// The catalog as a workbook: `<base>catalog.xlsx`.
    pub fn catalog_xlsx(&self) -> String {
        format!("{}catalog.xlsx", self.pages)
    }

    /// The catalog as JSON: `<base>catalog.json`.
    pub fn catalog_json(&self) -> String {
        format!("{}catalog.json", self.pages)
    }

    /// The folder of the live filter's card files (see `catalog::CARD_FILES`).
    pub fn card_files(&self) -> String {
        format!("{}{}", self.pages, super::catalog::CARD_FILES)
    }

    /// The URL the output file at `path` is served from; a folder's `index.html` by the
    /// folder's URL.
    pub fn served_at(&self, path: &str) -> String {
        let address = path.strip_suffix("index.html").unwrap_or(path);
        format!("{}{address}", self.pages)
    }

    /// [`Urls::served_at`], absolute.
    pub fn address_of(&self, path: &str) -> String {
        self.absolute(&self.served_at(path))
    }

    /// Where a toolkit's asset is written: the path of [`Urls::toolkit_file`] inside the
    /// output folder.
    pub fn asset_output_path(&self, root: &str, path: &str) -> String {
        format!("{root}/{path}")
    }

    /// The output file for a root-relative directory URL: `/a/b/` → `a/b/index.html`.
    pub fn output_path(&self, url: &str) -> Result<OutputPath, String> {
        let path = url.strip_prefix(&self.pages).unwrap_or(url);
        OutputPath::new(format!("{path}index.html"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_live_under_the_base_path() {
        let urls = Urls {
            base_path: "/wbl/".into(),
            base_url: "https://example.org/wbl".into(),
            pages: "/wbl/".into(),
        };
        assert_eq!(urls.district("north"), "/wbl/districts/north/");
        assert_eq!(
            urls.facet("district", "north"),
            "/wbl/opportunities/district/north/"
        );
        assert_eq!(urls.paged(&urls.employers(), 2), "/wbl/employers/page/2/");
        assert_eq!(urls.card_files(), "/wbl/search/cards/");
        assert_eq!(
            urls.absolute(&urls.feed()),
            "https://example.org/wbl/opportunities/feed.xml"
        );
        assert_eq!(urls.served_at("a/b/index.html"), "/wbl/a/b/");
        assert_eq!(
            urls.address_of("404.html"),
            "https://example.org/wbl/404.html"
        );
        let page = urls.toolkit_page("toolkits/g", "hosting");
        assert_eq!(
            urls.output_path(&page).map(OutputPath::into_string),
            Ok("toolkits/g/hosting/index.html".to_string())
        );
        assert_eq!(urls.served_at("toolkits/g/hosting/index.html"), page);
    }

    #[test]
    fn a_language_edition_has_its_pages_under_its_code_and_shares_files() {
        let urls = Urls {
            base_path: "/wbl/".into(),
            base_url: "https://example.org/wbl".into(),
            pages: "/wbl/es/".into(),
        };
        let page = urls.toolkit_page("toolkits/g", "hosting");
        assert_eq!(page, "/wbl/es/toolkits/g/hosting/");
        assert_eq!(
            urls.output_path(&page).map(OutputPath::into_string),
            Ok("toolkits/g/hosting/index.html".to_string())
        );
        assert_eq!(
            urls.toolkit_file("toolkits/g", "a.pdf"),
            "/wbl/toolkits/g/a.pdf"
        );
        assert_eq!(urls.file("style.css"), "/wbl/style.css");
        assert_eq!(urls.search(), "/wbl/es/search/");
        assert_eq!(urls.in_edition(&page, "/wbl/"), "/wbl/toolkits/g/hosting/");
        assert_eq!(
            urls.absolute(&page),
            "https://example.org/wbl/es/toolkits/g/hosting/"
        );
    }
}

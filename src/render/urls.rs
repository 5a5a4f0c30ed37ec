//! Render stage: every URL of the site, root-relative under its base path, and the output
//! path each page is written to. No other code assembles a site URL.

use super::links::percent_encode_path;
use super::OutputPath;

/// How URLs are made: everything is root-relative under the site's base path. Every URL
/// of the site is made here, and nowhere else.
pub struct Urls {
    /// The site's path, with leading and trailing slashes (`/` or `/wbl/`): every URL starts with it.
    pub base_path: String,
    /// The site's address without a trailing slash (`https://example.org/wbl`).
    pub base_url: String,
}

impl Urls {
    /// The URLs of the site `config` describes.
    pub fn new(config: &crate::config::SiteConfig) -> Urls {
        Urls {
            base_path: config.base_path.clone(),
            base_url: config.base_url.clone(),
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
        self.base_path.clone()
    }

    /// The index of toolkits: `<base>toolkits/`.
    pub fn toolkits(&self) -> String {
        format!("{}toolkits/", self.base_path)
    }

    /// A page of a toolkit edition whose pages live under `root` (see `Toolkit::root`).
    pub fn toolkit_page(&self, root: &str, url_path: &str) -> String {
        if url_path.is_empty() {
            format!("{}{root}/", self.base_path)
        } else {
            format!("{}{root}/{url_path}/", self.base_path)
        }
    }

    /// An asset of a toolkit edition whose pages live under `root`, its path percent-encoded.
    pub fn toolkit_file(&self, root: &str, url_path: &str) -> String {
        format!("{}{root}/{}", self.base_path, percent_encode_path(url_path))
    }

    /// The standalone page `slug` from `content/pages/`: `<base><slug>/`.
    pub fn page(&self, slug: &str) -> String {
        format!("{}{slug}/", self.base_path)
    }

    /// The file at `path` from the site's root URL, percent-encoded.
    pub fn file(&self, path: &str) -> String {
        format!("{}{}", self.base_path, percent_encode_path(path))
    }

    /// The search page: `<base>search/`.
    pub fn search(&self) -> String {
        format!("{}search/", self.base_path)
    }

    /// The page for missing addresses: `<base>404.html`.
    pub fn not_found(&self) -> String {
        format!("{}404.html", self.base_path)
    }

    /// The index of districts: `<base>districts/`.
    pub fn districts(&self) -> String {
        format!("{}districts/", self.base_path)
    }

    /// The page of the district `id`: `<base>districts/<id>/`.
    pub fn district(&self, id: &str) -> String {
        format!("{}districts/{id}/", self.base_path)
    }

    /// The open listing.
    pub fn opportunities(&self) -> String {
        format!("{}opportunities/", self.base_path)
    }

    /// The listing of closed opportunities.
    pub fn archive(&self) -> String {
        format!("{}opportunities/archive/", self.base_path)
    }

    /// The page of the opportunity `id`: `<base>opportunities/<id>/`.
    pub fn opportunity(&self, id: &str) -> String {
        format!("{}opportunities/{id}/", self.base_path)
    }

    /// The listing of open opportunities with `value` for `facet`.
    pub fn facet(&self, facet: &str, value: &str) -> String {
        format!("{}opportunities/{facet}/{value}/", self.base_path)
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
        format!("{}employers/", self.base_path)
    }

    /// The page of the employer `id`: `<base>employers/<id>/`.
    pub fn employer(&self, id: &str) -> String {
        format!("{}employers/{id}/", self.base_path)
    }

    /// The index of pathways: `<base>pathways/`.
    pub fn pathways(&self) -> String {
        format!("{}pathways/", self.base_path)
    }

    /// The page of the pathway `id`: `<base>pathways/<id>/`.
    pub fn pathway(&self, id: &str) -> String {
        format!("{}pathways/{id}/", self.base_path)
    }

    /// The Atom feed of open opportunities.
    pub fn feed(&self) -> String {
        format!("{}opportunities/feed.xml", self.base_path)
    }

    /// The iCalendar file of deadlines.
    pub fn calendar(&self) -> String {
        format!("{}opportunities/deadlines.ics", self.base_path)
    }

    /// The catalog as a spreadsheet: `<base>opportunities.csv`.
    pub fn catalog_csv(&self) -> String {
        format!("{}opportunities.csv", self.base_path)
    }

    /// The catalog as JSON: `<base>catalog.json`.
    pub fn catalog_json(&self) -> String {
        format!("{}catalog.json", self.base_path)
    }

    /// The folder of the live filter's card files (see `catalog::CARD_FILES`).
    pub fn card_files(&self) -> String {
        format!("{}{}", self.base_path, super::catalog::CARD_FILES)
    }

    /// The URL the output file at `path` is served from; a folder's `index.html` by the
    /// folder's URL.
    pub fn served_at(&self, path: &str) -> String {
        let address = path.strip_suffix("index.html").unwrap_or(path);
        format!("{}{address}", self.base_path)
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
        let path = url.strip_prefix(&self.base_path).unwrap_or(url);
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
}

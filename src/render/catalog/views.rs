//! Catalog views: the documented shape of what catalog templates receive, and the
//! formatting they share (grades, money, pagination, names).

use serde::Serialize;

use super::super::links::Urls;
use super::super::views::{DateText, Link};
use super::super::Strings;
use crate::model::catalog::{Contact, Opportunity, OpportunityIdx, Status};
use crate::model::Site;

use super::FacetGroup;

/// A facet value as a link: `{ slug, label, url }`.
#[derive(Serialize, Clone)]
pub struct Facet {
    /// The value as in URLs and CSS classes: `internship`, `explore`, ...
    pub slug: String,
    /// The value for readers.
    pub label: String,
    /// The facet page listing the open opportunities with this value.
    pub url: String,
}

/// How an employer is named wherever it appears: its own page, and every opportunity's.
#[derive(Serialize)]
pub struct EmployerRef<'a> {
    /// Its id (from the catalog).
    pub id: &'a str,
    /// Its name.
    pub name: &'a str,
    /// Its page.
    pub url: String,
    /// Its kind of organisation, for readers: `Business`, `Public agency`, ...
    pub org_type: &'a str,
    /// Its city, if given.
    pub city: Option<&'a str>,
    /// Its website, if given.
    pub website: Option<&'a str>,
}

/// One of the quality principles of work-based learning, and whether an opportunity meets it.
#[derive(Serialize)]
pub struct PrincipleView {
    /// The principle, for readers.
    pub label: String,
    /// Whether the opportunity meets it.
    pub met: bool,
}

/// `opportunity`: what the card and the page of an opportunity show.
#[derive(Serialize)]
pub struct OpportunityView<'a> {
    /// Its id (from the catalog).
    pub id: &'a str,
    /// Its title.
    pub title: &'a str,
    /// Its page.
    pub url: String,
    /// Its one-sentence summary, if given.
    pub summary: Option<&'a str>,
    /// Its kind (internship, job shadow, ...), with its facet page.
    pub kind: Facet,
    /// Its stage of the continuum (explore, prepare, ...), with its facet page.
    pub stage: Facet,
    /// In person, remote or hybrid, with its facet page.
    pub modality: Facet,
    /// The employer that hosts it.
    pub employer: EmployerRef<'a>,
    /// The career pathways it belongs to.
    pub pathways: Vec<Link>,
    /// The grades it is open to, for readers: `Grades 11–12`; empty when not given.
    pub grades: String,
    /// The districts whose students may apply, for readers: `All districts` or short names.
    pub districts: String,
    /// Where it takes place, if given.
    pub city: Option<&'a str>,
    /// When it takes place, in the catalog's words, if given.
    pub schedule: Option<&'a str>,
    /// Its hours in all, as a number without needless decimals (`6`, `7.5`), if given.
    pub hours: Option<String>,
    /// Its hours a week, likewise, if given.
    pub hours_per_week: Option<String>,
    /// Its first day, if given.
    pub starts: Option<DateText>,
    /// Its last day, if given.
    pub ends: Option<DateText>,
    /// The last day to apply, if given.
    pub deadline: Option<DateText>,
    /// How many students it takes, if given.
    pub seats: Option<u32>,
    /// The minimum age, if given.
    pub min_age: Option<u32>,
    /// Whether it is paid.
    pub paid: bool,
    /// The pay, for readers: `$18.50 an hour`, `$150 stipend`; `null` when unpaid.
    pub pay: Option<String>,
    /// The school credit it earns, if any.
    pub credit: Option<&'a str>,
    /// The skills it builds.
    pub skills: &'a [String],
    /// What the student does.
    pub tasks: &'a [String],
    /// The credentials it leads to.
    pub credentials: &'a [String],
    /// The supports offered (transport, equipment, ...), for readers.
    pub supports: Vec<&'a str>,
    /// Every quality principle, each with whether it is met.
    pub principles: Vec<PrincipleView>,
    /// How many principles it meets.
    pub principle_count: usize,
    /// Where to apply, if given.
    pub apply_url: Option<&'a str>,
    /// Whom to ask, if given.
    pub contact: Option<ContactView<'a>>,
    /// Whether it takes applications.
    pub status: OpportunityStatus,
    /// Its description as HTML (print with `| safe`); empty when it has none.
    pub description: &'a str,
}

/// `opportunity.status`: whether an opportunity takes applications.
#[derive(Serialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "kebab-case")]
pub enum OpportunityStatus {
    /// `open`: it does.
    Open,
    /// `closing-soon`: it does, and its deadline is near.
    ClosingSoon,
    /// `closed`: its deadline (or its last day) has passed.
    Closed,
}

impl From<Status> for OpportunityStatus {
    fn from(status: Status) -> OpportunityStatus {
        match status {
            Status::Open => OpportunityStatus::Open,
            Status::ClosingSoon => OpportunityStatus::ClosingSoon,
            Status::Closed => OpportunityStatus::Closed,
        }
    }
}

/// A contact person of an opportunity or an employer.
#[derive(Serialize)]
pub struct ContactView<'a> {
    /// Their name.
    pub name: &'a str,
    /// Their job title, if given.
    pub title: Option<&'a str>,
    /// Their email address, if given.
    pub email: Option<&'a str>,
    /// Their phone number, if given.
    pub phone: Option<&'a str>,
}

pub(super) fn contact_view(contact: &Option<Contact>) -> Option<ContactView<'_>> {
    contact.as_ref().map(|c| ContactView {
        name: &c.name,
        title: c.title.as_deref(),
        email: c.email.as_deref(),
        phone: c.phone.as_deref(),
    })
}

/// "Grades 11–12", "Grade 9", "Grades 9, 11 and 12", in the language of `t`
/// (`[catalog] grade`, `grades_range`, `grades_list`).
pub fn grades_text(t: &Strings, grades: &[u8]) -> String {
    match grades {
        [] => String::new(),
        [one] => t.fill("catalog.grade", &[("grade", &one.to_string())]),
        [first, .., last] if usize::from(last - first) + 1 == grades.len() => t.fill(
            "catalog.grades_range",
            &[("first", &first.to_string()), ("last", &last.to_string())],
        ),
        [rest @ .., last] => {
            let rest: Vec<String> = rest.iter().map(u8::to_string).collect();
            let list = rest.join(t.text("catalog.list_separator"));
            t.fill(
                "catalog.grades_list",
                &[("list", &list), ("last", &last.to_string())],
            )
        }
    }
}

/// A number of hours as the language of `t` writes a decimal (`6`, `7.5`), without a
/// thousands separator: pages have always shown `8000 hours`.
pub fn hours_text(t: &Strings, hours: f64) -> String {
    let text = if hours.fract() == 0.0 {
        format!("{hours:.0}")
    } else {
        format!("{hours}")
    };
    text.replace('.', t.text("numbers.decimal"))
}

/// The pay, in the language of `t`: `$18.50 an hour`, `$150 stipend`; `None` when unpaid.
pub fn pay_text(t: &Strings, opportunity: &Opportunity) -> Option<String> {
    use crate::model::catalog::PayType;
    opportunity.pay.map(|pay| {
        let key = match pay.kind {
            PayType::Hourly => "catalog.pay_hourly",
            PayType::Stipend => "catalog.pay_stipend",
            PayType::Fixed => "catalog.pay_fixed",
        };
        t.fill(key, &[("amount", &t.money(pay.amount))])
    })
}

/// A district's short name, for listings.
pub fn district_name<'a>(site: &'a Site, id: &'a str) -> &'a str {
    site.districts
        .iter()
        .find(|d| d.id == id)
        .map_or(id, |d| d.short())
}

/// A pathway's sector for readers: its label in `[sectors]` of the language of `t`, else
/// the slug as words ("health-science" → "Health science").
pub fn sector_label(t: &Strings, slug: &str) -> String {
    if let Some(label) = t.get(&format!("sectors.{slug}")) {
        return label.to_string();
    }
    capitalised(slug)
}

/// "health-science" → "Health science".
pub fn capitalised(slug: &str) -> String {
    let words = slug.replace('-', " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The title of the page listing the open opportunities with one facet's value:
/// `[facets] <facet>_title` (`paid_title`, `unpaid_title` for pay) with the value's label.
pub(super) fn facet_title(t: &Strings, facet: &str, slug: &str, label: &str) -> String {
    let key = match facet {
        "pay" => format!("facets.{slug}_title"),
        _ => format!("facets.{facet}_title"),
    };
    match t.get(&key) {
        Some(_) => t.fill(&key, &[("label", label), ("lower", &label.to_lowercase())]),
        None => label.to_string(),
    }
}

pub struct Listing {
    pub title: String,
    pub intro: String,
    pub first_url: String,
    pub members: Vec<OpportunityIdx>,
    pub kind: ListingKind,
    pub facet: Option<(&'static str, String)>,
}

/// `listing.kind`: which listing of opportunities a page belongs to.
#[derive(Serialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "kebab-case")]
pub enum ListingKind {
    /// `open`: every open opportunity.
    Open,
    /// `archive`: the closed ones.
    Archive,
    /// `facet`: the open ones with one facet value.
    Facet,
}

/// The facet value a facet page lists.
#[derive(Serialize)]
pub struct CurrentFacet<'a> {
    /// The facet: `kind`, `stage`, `pathway`, `modality`, `pay` or `district`.
    pub name: &'a str,
    /// The value's slug.
    pub slug: &'a str,
}

/// `listing`: what `opportunities.html` receives.
#[derive(Serialize)]
pub struct ListingView<'a> {
    /// The listing's title (without the page number).
    pub title: &'a str,
    /// A sentence under the title.
    pub intro: &'a str,
    /// Which listing this is.
    pub kind: ListingKind,
    /// How many opportunities the listing has on all its pages.
    pub count: usize,
    /// The rendered cards of this page's opportunities (HTML: print with `| safe`).
    pub cards: Vec<&'a str>,
    /// Where this page is among the listing's pages.
    pub pagination: Pagination,
    /// Every facet with its values and counts of open opportunities.
    pub facets: &'a [FacetGroup],
    /// The facet value of a facet page; `null` on the open listing and the archive.
    pub current: Option<CurrentFacet<'a>>,
    /// The open listing.
    pub all_url: String,
    /// The archive.
    pub archive_url: String,
    /// The Atom feed of open opportunities.
    pub feed_url: String,
    /// The iCalendar file of deadlines.
    pub calendar_url: String,
    /// The CSV export of the catalog's opportunities.
    pub csv_url: String,
    /// The catalog as a workbook, one sheet per record type.
    pub xlsx_url: String,
    /// The JSON export of the catalog.
    pub json_url: String,
}

/// Where a page is among the pages of a paginated list.
#[derive(Serialize)]
pub struct Pagination {
    /// This page's number, from 1.
    pub page: usize,
    /// How many pages there are (at least 1).
    pub pages: usize,
    /// The previous page; `null` on the first.
    pub prev: Option<String>,
    /// The next page; `null` on the last.
    pub next: Option<String>,
    /// Page links around the current one (first and last always), with gaps as `null`.
    pub links: Vec<Option<PageLink>>,
}

/// A link to one page of a paginated list.
#[derive(Serialize)]
pub struct PageLink {
    /// The page's number, from 1.
    pub number: usize,
    /// The page.
    pub url: String,
    /// Whether it is the page shown.
    pub current: bool,
}

pub(super) fn pagination(urls: &Urls, first: &str, page: usize, pages: usize) -> Pagination {
    let mut links = Vec::new();
    let mut last_shown = 0;
    // The first page, the last, and the two on each side of this one: a page lists a
    // fixed number of links however long the listing.
    let near = page.saturating_sub(2).max(1)..=(page + 2).min(pages);
    for number in std::iter::once(1).chain(near).chain(std::iter::once(pages)) {
        if number > last_shown {
            if last_shown + 1 < number {
                links.push(None);
            }
            links.push(Some(PageLink {
                number,
                url: urls.paged(first, number),
                current: number == page,
            }));
            last_shown = number;
        }
    }
    Pagination {
        page,
        pages,
        prev: (page > 1).then(|| urls.paged(first, page - 1)),
        next: (page < pages).then(|| urls.paged(first, page + 1)),
        links,
    }
}

/// `employer`: an employer on its page and in the employers index.
#[derive(Serialize)]
pub struct EmployerView<'a> {
    /// Its id, name, page, type, city and website (flattened: `employer.name`), as on its
    /// opportunities.
    #[serde(flatten)]
    pub employer: EmployerRef<'a>,
    /// The career pathways it hosts students in.
    pub pathways: Vec<Link>,
    /// The kinds of opportunity it hosts, for readers.
    pub hosts: Vec<&'a str>,
    /// Whom to ask, if given.
    pub contact: Option<ContactView<'a>>,
    /// How many of its opportunities are open.
    pub open_count: usize,
    /// Its description as HTML (print with `| safe`); empty when it has none.
    pub description: &'a str,
}

/// An occupation a pathway leads to.
#[derive(Serialize)]
pub struct OccupationView<'a> {
    /// The occupation's title.
    pub title: &'a str,
    /// Its Standard Occupational Classification code, if given.
    pub soc: Option<&'a str>,
    /// Its median yearly wage, for readers (`$58,400`), if given.
    pub median_wage: Option<String>,
}

/// A college program a pathway leads to.
#[derive(Serialize)]
pub struct CollegeView<'a> {
    /// The college's name.
    pub name: &'a str,
    /// The program, if given.
    pub program: Option<&'a str>,
    /// Its page, if given.
    pub url: Option<&'a str>,
}

/// `pathway`: a career pathway on its page and in the pathways index.
#[derive(Serialize)]
pub struct PathwayView<'a> {
    /// Its id (from the catalog).
    pub id: &'a str,
    /// Its name.
    pub name: &'a str,
    /// Its page.
    pub url: String,
    /// Its industry sector, for readers: `Health science`.
    pub sector: String,
    /// Whether its occupations are in high demand in the region.
    pub high_demand: bool,
    /// Who says so, if given.
    pub demand_source: Option<&'a str>,
    /// The median yearly wage, for readers, if given.
    pub median_wage: Option<String>,
    /// The occupations it leads to.
    pub occupations: Vec<OccupationView<'a>>,
    /// The credentials earned along it.
    pub credentials: &'a [String],
    /// The college programs it leads to.
    pub colleges: Vec<CollegeView<'a>>,
    /// The employers that host students in it.
    pub employers: Vec<Link>,
    /// How many of its opportunities are open.
    pub open_count: usize,
    /// Its description as HTML (print with `| safe`); empty when it has none.
    pub description: &'a str,
}

/// A sector of the pathways index.
#[derive(Serialize)]
pub struct SectorView<'a> {
    /// The sector, for readers.
    pub label: String,
    /// Its pathways, by name.
    pub pathways: Vec<PathwayView<'a>>,
}

/// A stage of a pathway's continuum, with its open opportunities.
#[derive(Serialize)]
pub struct StageColumn<'a> {
    /// The stage's slug: `explore`, `prepare`, ...
    pub slug: &'static str,
    /// The stage, for readers.
    pub label: &'a str,
    /// What students do at this stage.
    pub description: &'a str,
    /// The rendered cards of the pathway's open opportunities at this stage (HTML).
    pub cards: Vec<&'a str>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(code: &str) -> Strings {
        crate::render::strings::builtin()
            .remove(code)
            .expect("a built-in table")
    }

    #[test]
    fn grades_read_naturally() {
        let en = table("en");
        assert_eq!(grades_text(&en, &[9]), "Grade 9");
        assert_eq!(grades_text(&en, &[11, 12]), "Grades 11–12");
        assert_eq!(grades_text(&en, &[9, 10, 11, 12]), "Grades 9–12");
        assert_eq!(grades_text(&en, &[9, 11, 12]), "Grades 9, 11 and 12");
        let es = table("es");
        assert_eq!(grades_text(&es, &[9]), "Grado 9");
        assert_eq!(grades_text(&es, &[11, 12]), "Grados 11 a 12");
        assert_eq!(grades_text(&es, &[9, 11, 12]), "Grados 9, 11 y 12");
    }

    #[test]
    fn sectors_and_facet_titles_follow_the_language() {
        let (en, es) = (table("en"), table("es"));
        assert_eq!(sector_label(&en, "health-science"), "Health science");
        assert_eq!(sector_label(&es, "health-science"), "Ciencias de la salud");
        assert_eq!(sector_label(&es, "marine-biology"), "Marine biology");
        assert_eq!(
            facet_title(&en, "modality", "virtual", "Online"),
            "Opportunities: online"
        );
        assert_eq!(
            facet_title(&es, "pay", "unpaid", "Sin pago"),
            "Oportunidades sin pago"
        );
    }

    #[test]
    fn pagination_shows_ends_and_neighbours() {
        let urls = Urls {
            base_path: "/".into(),
            base_url: "https://example.org".into(),
            pages: "/".into(),
        };
        let p = pagination(&urls, "/opportunities/", 5, 10);
        let shown: Vec<Option<usize>> = p
            .links
            .iter()
            .map(|l| l.as_ref().map(|l| l.number))
            .collect();
        assert_eq!(
            shown,
            vec![
                Some(1),
                None,
                Some(3),
                Some(4),
                Some(5),
                Some(6),
                Some(7),
                None,
                Some(10)
            ]
        );
        assert_eq!(p.prev.as_deref(), Some("/opportunities/page/4/"));
        assert_eq!(p.next.as_deref(), Some("/opportunities/page/6/"));
        assert_eq!(urls.paged("/opportunities/", 1), "/opportunities/");
    }
}

//! Catalog views: the documented shape of what catalog templates receive, and the
//! formatting they share (grades, money, pagination, names).

use serde::Serialize;

use super::super::links::Urls;
use super::super::views::{DateText, Link};
use crate::model::catalog::{Contact, Opportunity, Status};
use crate::model::Site;

use super::FacetGroup;

/// A facet value as a link: `{ slug, label, url }`.
#[derive(Serialize, Clone)]
pub struct Facet {
    pub slug: String,
    pub label: String,
    pub url: String,
}

#[derive(Serialize)]
pub(super) struct EmployerRef<'a> {
    pub(super) id: &'a str,
    pub(super) name: &'a str,
    pub(super) url: String,
    pub(super) org_type: &'static str,
    pub(super) city: Option<&'a str>,
    pub(super) website: Option<&'a str>,
}

#[derive(Serialize)]
pub(super) struct PrincipleView {
    pub(super) label: &'static str,
    pub(super) met: bool,
}

/// `opportunity`: what the card and the page of an opportunity show.
#[derive(Serialize)]
pub(super) struct OpportunityView<'a> {
    pub(super) id: &'a str,
    pub(super) title: &'a str,
    pub(super) url: String,
    pub(super) summary: Option<&'a str>,
    pub(super) kind: Facet,
    pub(super) stage: Facet,
    pub(super) modality: Facet,
    pub(super) employer: EmployerRef<'a>,
    pub(super) pathways: Vec<Link>,
    pub(super) grades: String,
    pub(super) districts: String,
    pub(super) city: Option<&'a str>,
    pub(super) schedule: Option<&'a str>,
    pub(super) hours: Option<String>,
    pub(super) hours_per_week: Option<String>,
    pub(super) starts: Option<DateText>,
    pub(super) ends: Option<DateText>,
    pub(super) deadline: Option<DateText>,
    pub(super) seats: Option<u32>,
    pub(super) min_age: Option<u32>,
    pub(super) paid: bool,
    pub(super) pay: Option<String>,
    pub(super) credit: Option<&'a str>,
    pub(super) skills: &'a [String],
    pub(super) tasks: &'a [String],
    pub(super) credentials: &'a [String],
    pub(super) supports: Vec<&'static str>,
    pub(super) principles: Vec<PrincipleView>,
    pub(super) principle_count: usize,
    pub(super) apply_url: Option<&'a str>,
    pub(super) contact: Option<ContactView<'a>>,
    /// `open`, `closing-soon` or `closed`.
    pub(super) status: &'static str,
    pub(super) description: &'a str,
}

#[derive(Serialize)]
pub(super) struct ContactView<'a> {
    pub(super) name: &'a str,
    pub(super) title: Option<&'a str>,
    pub(super) email: Option<&'a str>,
    pub(super) phone: Option<&'a str>,
}

pub(super) fn contact_view(contact: &Option<Contact>) -> Option<ContactView<'_>> {
    contact.as_ref().map(|c| ContactView {
        name: &c.name,
        title: c.title.as_deref(),
        email: c.email.as_deref(),
        phone: c.phone.as_deref(),
    })
}

/// "Grades 11–12", "Grade 9", "Grades 9, 11 and 12".
pub fn grades_text(grades: &[u8]) -> String {
    match grades {
        [] => String::new(),
        [one] => format!("Grade {one}"),
        [first, .., last] if usize::from(last - first) + 1 == grades.len() => {
            format!("Grades {first}–{last}")
        }
        [rest @ .., last] => {
            let rest: Vec<String> = rest.iter().map(u8::to_string).collect();
            format!("Grades {} and {last}", rest.join(", "))
        }
    }
}

/// `$18.50`, `$150`, `$58,400`.
pub fn money(amount: f64) -> String {
    let cents = (amount * 100.0).round() as i64;
    let (whole, fraction) = (cents / 100, cents % 100);
    let digits = whole.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    if fraction == 0 {
        format!("${grouped}")
    } else {
        format!("${grouped}.{fraction:02}")
    }
}

/// `6`, `7.5`.
pub fn number(value: f64) -> String {
    if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        format!("{value}")
    }
}

pub fn pay_text(opportunity: &Opportunity) -> Option<String> {
    use crate::model::catalog::PayType;
    opportunity.pay.map(|pay| match pay.kind {
        PayType::Hourly => format!("{} an hour", money(pay.amount)),
        PayType::Stipend => format!("{} stipend", money(pay.amount)),
        PayType::Fixed => format!("{} payment", money(pay.amount)),
    })
}

pub(super) fn status_slug(status: Status) -> &'static str {
    match status {
        Status::Open => "open",
        Status::ClosingSoon => "closing-soon",
        Status::Closed => "closed",
    }
}

/// A district's short name, for listings.
pub fn district_name<'a>(site: &'a Site, id: &'a str) -> &'a str {
    site.districts
        .iter()
        .find(|d| d.id == id)
        .map_or(id, |d| d.short())
}

/// "health-science" → "Health science".
pub fn sector_label(slug: &str) -> String {
    let words = slug.replace('-', " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

pub(super) fn facet_title(facet: &str, label: &str) -> String {
    match facet {
        "kind" => format!("{label} opportunities"),
        "stage" => format!("{label} stage opportunities"),
        "pathway" => format!("Opportunities in {label}"),
        "modality" => format!("Opportunities: {}", label.to_lowercase()),
        "pay" => format!("{label} opportunities"),
        "district" => format!("Opportunities for students in {label}"),
        _ => label.to_string(),
    }
}

pub(super) struct Listing {
    pub(super) title: String,
    pub(super) intro: String,
    pub(super) first_url: String,
    pub(super) members: Vec<usize>,
    pub(super) kind: &'static str,
    pub(super) facet: Option<(&'static str, String)>,
}

#[derive(Serialize)]
pub(super) struct CurrentFacet<'a> {
    pub(super) name: &'a str,
    pub(super) slug: &'a str,
}

/// `listing`: what `opportunities.html` receives.
#[derive(Serialize)]
pub(super) struct ListingView<'a> {
    pub(super) title: &'a str,
    pub(super) intro: &'a str,
    /// `open`, `archive` or `facet`.
    pub(super) kind: &'static str,
    pub(super) count: usize,
    pub(super) cards: Vec<&'a str>,
    pub(super) pagination: Pagination,
    pub(super) facets: &'a [FacetGroup],
    pub(super) current: Option<CurrentFacet<'a>>,
    pub(super) all_url: String,
    pub(super) archive_url: String,
    pub(super) feed_url: String,
    pub(super) calendar_url: String,
    pub(super) csv_url: String,
    pub(super) json_url: String,
}

#[derive(Serialize)]
pub struct Pagination {
    pub page: usize,
    pub pages: usize,
    pub prev: Option<String>,
    pub next: Option<String>,
    /// Page links around the current one (first and last always), with gaps as `None`.
    pub links: Vec<Option<PageLink>>,
}

#[derive(Serialize)]
pub struct PageLink {
    pub number: usize,
    pub url: String,
    pub current: bool,
}

pub(super) fn pagination(urls: &Urls, first: &str, page: usize, pages: usize) -> Pagination {
    let mut links = Vec::new();
    let mut last_shown = 0;
    for number in 1..=pages {
        let near = number.abs_diff(page) <= 2;
        if number == 1 || number == pages || near {
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

#[derive(Serialize)]
pub(super) struct EmployerView<'a> {
    /// Its name, address, type, city and website, as on its opportunities.
    #[serde(flatten)]
    pub(super) employer: EmployerRef<'a>,
    pub(super) pathways: Vec<Link>,
    pub(super) hosts: Vec<&'static str>,
    pub(super) contact: Option<ContactView<'a>>,
    pub(super) open_count: usize,
    pub(super) description: &'a str,
}

#[derive(Serialize)]
pub(super) struct OccupationView<'a> {
    pub(super) title: &'a str,
    pub(super) soc: Option<&'a str>,
    pub(super) median_wage: Option<String>,
}

#[derive(Serialize)]
pub(super) struct CollegeView<'a> {
    pub(super) name: &'a str,
    pub(super) program: Option<&'a str>,
    pub(super) url: Option<&'a str>,
}

#[derive(Serialize)]
pub(super) struct PathwayView<'a> {
    pub(super) id: &'a str,
    pub(super) name: &'a str,
    pub(super) url: String,
    pub(super) sector: String,
    pub(super) high_demand: bool,
    pub(super) demand_source: Option<&'a str>,
    pub(super) median_wage: Option<String>,
    pub(super) occupations: Vec<OccupationView<'a>>,
    pub(super) credentials: &'a [String],
    pub(super) colleges: Vec<CollegeView<'a>>,
    pub(super) employers: Vec<Link>,
    pub(super) open_count: usize,
    pub(super) description: &'a str,
}

#[derive(Serialize)]
pub(super) struct SectorView<'a> {
    pub(super) label: String,
    pub(super) pathways: Vec<PathwayView<'a>>,
}

#[derive(Serialize)]
pub(super) struct StageColumn<'a> {
    pub(super) slug: &'static str,
    pub(super) label: &'static str,
    pub(super) description: &'static str,
    pub(super) cards: Vec<&'a str>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grades_read_naturally() {
        assert_eq!(grades_text(&[9]), "Grade 9");
        assert_eq!(grades_text(&[11, 12]), "Grades 11–12");
        assert_eq!(grades_text(&[9, 10, 11, 12]), "Grades 9–12");
        assert_eq!(grades_text(&[9, 11, 12]), "Grades 9, 11 and 12");
    }

    #[test]
    fn money_and_numbers_drop_empty_decimals() {
        assert_eq!(money(18.5), "$18.50");
        assert_eq!(money(150.0), "$150");
        assert_eq!(money(58_400.0), "$58,400");
        assert_eq!(money(1_234_567.5), "$1,234,567.50");
        assert_eq!(number(7.5), "7.5");
        assert_eq!(number(6.0), "6");
    }

    #[test]
    fn pagination_shows_ends_and_neighbours() {
        let urls = Urls {
            base_path: "/".into(),
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

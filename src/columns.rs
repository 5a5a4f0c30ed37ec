//! The catalog's spreadsheet columns (docs/content-format.md §8.12): one table that reading
//! `.csv` and `.xlsx` catalog files, writing the exports (`opportunities.csv`,
//! `employers.csv`, `pathways.csv`, `catalog.xlsx`) and the workbook template all follow, so
//! that an export reads back as the catalog it came from.
//!
//! A column is named like the TOML key it fills. Keys of a record's sub-table are joined
//! with `_` (`pay_type`, `contact_email`); a record's translation into a site language is a
//! column named `<code>.<key>` (`es.title`). Lists are one cell with items separated by `;`.

use crate::vocabulary::{Hazard, Kind, Modality, OrgType, PayType, Principle, Support};

/// Characters that make a spreadsheet read a cell as a formula, in ASCII and full-width
/// forms (some spreadsheets fold `＝` to `=`), and the tab and carriage return that some
/// strip before looking (OWASP "CSV injection"). The CSV export puts a `'` before one that
/// starts a part of a cell; reading a sheet takes that `'` away again.
pub const FORMULA_STARTS: &[char] = &[
    '=', '+', '-', '@', '\t', '\r', '\u{FF1D}', '\u{FF0B}', '\u{FF0D}', '\u{FF20}',
];

/// Whether the character after `c` starts a part of a cell where a spreadsheet may begin a
/// new cell inside ours: after `;` (the delimiter in some locales), tab (tab-delimited
/// imports) or a line break (readers that ignore quotes), spaces skipped. `at_start` says
/// whether `c` itself is at the start of a part.
pub fn starts_a_part(at_start: bool, c: char) -> bool {
    PART_BREAKS.contains(&c) || (at_start && c == ' ')
}

/// The characters after which a part of a cell starts (see [`starts_a_part`]).
pub const PART_BREAKS: &[char] = &[';', '\t', '\r', '\n'];

/// The three kinds of catalog record, each kept in its own folder (and sheet).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RecordType {
    /// `content/catalog/pathways/`, `[[pathway]]`.
    Pathway,
    /// `content/catalog/employers/`, `[[employer]]`.
    Employer,
    /// `content/catalog/opportunities/`, `[[opportunity]]`.
    Opportunity,
}

impl RecordType {
    /// Every record type, in the order the catalog links them.
    pub const ALL: [RecordType; 3] = [
        RecordType::Pathway,
        RecordType::Employer,
        RecordType::Opportunity,
    ];

    /// The folder under `content/catalog/`, which is also the sheet's name in a workbook.
    pub fn folder(self) -> &'static str {
        match self {
            RecordType::Pathway => "pathways",
            RecordType::Employer => "employers",
            RecordType::Opportunity => "opportunities",
        }
    }

    /// The TOML table name: `opportunity` in `[[opportunity]]`.
    pub fn table(self) -> &'static str {
        match self {
            RecordType::Pathway => "pathway",
            RecordType::Employer => "employer",
            RecordType::Opportunity => "opportunity",
        }
    }

    /// Its columns, in the order the exports write them.
    pub fn columns(self) -> &'static [Column] {
        match self {
            RecordType::Pathway => PATHWAY,
            RecordType::Employer => EMPLOYER,
            RecordType::Opportunity => OPPORTUNITY,
        }
    }

    /// The column named `name`, if there is one.
    pub fn column(self, name: &str) -> Option<&'static Column> {
        self.columns().iter().find(|c| c.name == name)
    }
}

/// What a column holds, and so how its cells are read and written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cell {
    /// One line of text.
    Text,
    /// Markdown, which may run over several lines.
    Markdown,
    /// A web address (`https://…`).
    Url,
    /// The record's id: a slug.
    Id,
    /// The id of a record of another type.
    Reference(RecordType),
    /// Ids of records of another type, separated by `;`.
    References(RecordType),
    /// Ids of the site's districts, separated by `;`.
    Districts,
    /// One slug of a closed set.
    Choice(Choices),
    /// Slugs of a closed set, separated by `;`.
    ChoiceList(Choices),
    /// A whole number.
    Integer,
    /// A number, which may have decimals.
    Number,
    /// An amount of money: `18.50`, `$1,200.00`.
    Money,
    /// A date: `2027-03-15`, `3/15/2027` or a spreadsheet's own date.
    Date,
    /// `true` or `false` (also `TRUE`, `yes`, `no`).
    Bool,
    /// Items of text separated by `;`.
    TextList,
    /// Grades 0–12 separated by `;`.
    Grades,
    /// A pathway's occupations: `title | soc | median wage` items separated by `;`.
    Occupations,
    /// A pathway's colleges: `name | program | url` items separated by `;`.
    Colleges,
}

/// A closed set of slugs a cell may hold (docs/content-format.md §8.6).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choices {
    /// [`Kind`]: `internship`, `job-shadow`, …
    Kind,
    /// [`Modality`].
    Modality,
    /// [`OrgType`].
    OrgType,
    /// [`PayType`].
    PayType,
    /// [`Support`].
    Support,
    /// [`Principle`].
    Principle,
    /// [`Hazard`].
    Hazard,
}

impl Choices {
    /// Every slug of the set, in its documented order.
    pub fn slugs(self) -> Vec<&'static str> {
        match self {
            Choices::Kind => Kind::ALL.iter().map(|k| k.slug()).collect(),
            Choices::Modality => Modality::ALL.iter().map(|k| k.slug()).collect(),
            Choices::OrgType => OrgType::ALL.iter().map(|k| k.slug()).collect(),
            Choices::PayType => PayType::ALL.iter().map(|k| k.slug()).collect(),
            Choices::Support => Support::ALL.iter().map(|k| k.slug()).collect(),
            Choices::Principle => Principle::ALL.iter().map(|k| k.slug()).collect(),
            Choices::Hazard => Hazard::ALL.iter().map(|k| k.slug()).collect(),
        }
    }
}

/// Where a column's value goes in the record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// The record's own key of the same name as the column.
    Key,
    /// The record's own key of another name: `employer_id` fills `employer`.
    Renamed(&'static str),
    /// A key of one of the record's tables: `("pay", "type")` for `pay_type`.
    Sub(&'static str, &'static str),
    /// Written by the exports from other fields (`url`, `status`, …); read and ignored.
    Derived,
}

/// One column of a catalog sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// The header: the TOML key, or `<table>_<key>` for a key of a sub-table.
    pub name: &'static str,
    /// What its cells hold.
    pub cell: Cell,
    /// Where the value goes.
    pub field: Field,
    /// Whether every record needs it: a sheet without the column cannot be read.
    pub required: bool,
    /// What goes in it, as the workbook template's note on the header says.
    pub note: &'static str,
}

impl Column {
    /// Whether a record may be translated in this column (`es.<name>`): the text fields a
    /// `[<table>.<code>]` translation holds (content format §10.3), which are every text
    /// column of the record's own but `city`.
    pub fn translatable(&self) -> bool {
        matches!(self.cell, Cell::Text | Cell::Markdown | Cell::TextList)
            && matches!(self.field, Field::Key)
            && self.name != "city"
    }
}

const fn column(name: &'static str, cell: Cell, note: &'static str) -> Column {
    Column {
        name,
        cell,
        field: Field::Key,
        required: false,
        note,
    }
}

const fn required(name: &'static str, cell: Cell, note: &'static str) -> Column {
    Column {
        name,
        cell,
        field: Field::Key,
        required: true,
        note,
    }
}

const fn sub(
    name: &'static str,
    table: &'static str,
    key: &'static str,
    cell: Cell,
    note: &'static str,
) -> Column {
    Column {
        name,
        cell,
        field: Field::Sub(table, key),
        required: false,
        note,
    }
}

const fn derived(name: &'static str, note: &'static str) -> Column {
    Column {
        name,
        cell: Cell::Text,
        field: Field::Derived,
        required: false,
        note,
    }
}

/// A record's contact person, as four columns and a fifth for whether it may be published.
macro_rules! contact_columns {
    () => {
        [
            sub(
                "contact_name",
                "contact",
                "name",
                Cell::Text,
                "The contact person's name.",
            ),
            sub(
                "contact_title",
                "contact",
                "title",
                Cell::Text,
                "Their job title.",
            ),
            sub(
                "contact_email",
                "contact",
                "email",
                Cell::Text,
                "Their email address.",
            ),
            sub(
                "contact_phone",
                "contact",
                "phone",
                Cell::Text,
                "Their phone number.",
            ),
            sub(
                "contact_public",
                "contact",
                "public",
                Cell::Bool,
                "TRUE to publish the contact on the site; FALSE or empty keeps it private.",
            ),
        ]
    };
}

/// The columns of `pathways.csv` and a workbook's `pathways` sheet.
pub const PATHWAY: &[Column] = &[
    required(
        "id",
        Cell::Id,
        "The pathway's id: lowercase letters, digits and hyphens.",
    ),
    required("name", Cell::Text, "The pathway's name."),
    required(
        "sector",
        Cell::Id,
        "The industry sector it belongs to, as a slug: health, technology, …",
    ),
    column(
        "high_demand",
        Cell::Bool,
        "TRUE when the region's labor market data shows high demand.",
    ),
    column(
        "demand_source",
        Cell::Text,
        "Where the demand figure comes from.",
    ),
    column(
        "median_wage",
        Cell::Integer,
        "Median annual wage, in whole dollars.",
    ),
    column(
        "occupations",
        Cell::Occupations,
        "Occupations, separated by ';', each as 'title | SOC code | median wage'.",
    ),
    column(
        "credentials",
        Cell::TextList,
        "Industry credentials, separated by ';'.",
    ),
    column(
        "colleges",
        Cell::Colleges,
        "College programs, separated by ';', each as 'college | program | web address'.",
    ),
    column("description", Cell::Markdown, "A description, in Markdown."),
];

/// The columns of `employers.csv` and a workbook's `employers` sheet.
pub const EMPLOYER: &[Column] = &{
    let c = contact_columns!();
    [
        required(
            "id",
            Cell::Id,
            "The employer's id: lowercase letters, digits and hyphens.",
        ),
        required("name", Cell::Text, "The employer's name."),
        required(
            "org_type",
            Cell::Choice(Choices::OrgType),
            "What kind of organisation it is.",
        ),
        column(
            "pathways",
            Cell::References(RecordType::Pathway),
            "Ids of its career pathways, separated by ';'.",
        ),
        column(
            "website",
            Cell::Url,
            "Its web address, starting with https://.",
        ),
        column("city", Cell::Text, "Where it is."),
        column(
            "hosts",
            Cell::ChoiceList(Choices::Kind),
            "Kinds of opportunity it offers, separated by ';'.",
        ),
        c[0],
        c[1],
        c[2],
        c[3],
        c[4],
        column("description", Cell::Markdown, "A description, in Markdown."),
    ]
};

/// The columns of `opportunities.csv` and a workbook's `opportunities` sheet: those the
/// export has always written, first and in the same order, then the rest.
pub const OPPORTUNITY: &[Column] = &{
    let c = contact_columns!();
    [
        required(
            "id",
            Cell::Id,
            "The opportunity's id: lowercase letters, digits and hyphens.",
        ),
        required("title", Cell::Text, "Its title, as students will see it."),
        derived(
            "url",
            "Written by the export: the opportunity's page. Ignored when read.",
        ),
        derived(
            "status",
            "Written by the export: open or closed. Ignored when read.",
        ),
        Column {
            name: "employer_id",
            cell: Cell::Reference(RecordType::Employer),
            field: Field::Renamed("employer"),
            required: true,
            note: "The id of the employer that hosts it.",
        },
        derived(
            "employer",
            "Written by the export: the employer's name. Ignored when read, unless the sheet \
             has no employer_id column: then it is the employer's id.",
        ),
        required(
            "kind",
            Cell::Choice(Choices::Kind),
            "The kind of work-based learning.",
        ),
        derived(
            "stage",
            "Written by the export: the kind's stage. Ignored when read.",
        ),
        column(
            "pathways",
            Cell::References(RecordType::Pathway),
            "Ids of its career pathways, separated by ';'.",
        ),
        required(
            "modality",
            Cell::Choice(Choices::Modality),
            "In person, virtual or hybrid.",
        ),
        column("city", Cell::Text, "Where it happens."),
        required(
            "grades",
            Cell::Grades,
            "Grades it is open to, 0 to 12, separated by ';'.",
        ),
        column(
            "districts",
            Cell::Districts,
            "Ids of the districts whose students may apply, separated by ';'; empty for all.",
        ),
        column(
            "starts",
            Cell::Date,
            "The first day, as 2027-06-15 or 6/15/2027.",
        ),
        column("ends", Cell::Date, "The last day."),
        column("deadline", Cell::Date, "The last day to apply."),
        column("hours", Cell::Number, "Total hours."),
        column("hours_per_week", Cell::Number, "Hours a week."),
        column("seats", Cell::Integer, "How many students it takes."),
        column(
            "min_age",
            Cell::Integer,
            "The youngest age it takes, in years.",
        ),
        sub(
            "pay_type",
            "pay",
            "type",
            Cell::Choice(Choices::PayType),
            "hourly, stipend or fixed; empty when unpaid.",
        ),
        sub(
            "pay_amount",
            "pay",
            "amount",
            Cell::Money,
            "The amount, in dollars: 18.50.",
        ),
        derived(
            "pay",
            "Written by the export: the pay in words. Ignored when read.",
        ),
        column("credit", Cell::Text, "Academic credit students can earn."),
        column(
            "supports",
            Cell::ChoiceList(Choices::Support),
            "Supports offered, separated by ';'.",
        ),
        column(
            "principles",
            Cell::ChoiceList(Choices::Principle),
            "Quality principles it addresses, separated by ';'.",
        ),
        derived(
            "principle_count",
            "Written by the export: how many principles. Ignored when read.",
        ),
        column(
            "apply_url",
            Cell::Url,
            "Where to apply, starting with https://.",
        ),
        column(
            "summary",
            Cell::Text,
            "One or two sentences for the listing.",
        ),
        derived(
            "ceds_type",
            "Written by the export: the kind's federal reporting code (CEDS Work-based \
             Learning Opportunity Type, or the site's own from [ceds] in site.toml). \
             Ignored when read.",
        ),
        column("schedule", Cell::Text, "When it meets, in words."),
        column(
            "skills",
            Cell::TextList,
            "Skills students build, separated by ';'.",
        ),
        column(
            "tasks",
            Cell::TextList,
            "What students will do, separated by ';'.",
        ),
        column(
            "credentials",
            Cell::TextList,
            "Credentials students can earn, separated by ';'.",
        ),
        column(
            "hazards",
            Cell::ChoiceList(Choices::Hazard),
            "Hazardous tasks students may meet, separated by ';': ladders-scaffolds, driving, …",
        ),
        c[0],
        c[1],
        c[2],
        c[3],
        c[4],
        column("description", Cell::Markdown, "A description, in Markdown."),
    ]
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_opportunity_export_keeps_its_first_columns_in_order() {
        let names: Vec<&str> = OPPORTUNITY.iter().map(|c| c.name).collect();
        // What `opportunities.csv` has held since it was first written: readers may rely on it.
        let first = "id title url status employer_id employer kind stage pathways modality city \
                     grades districts starts ends deadline hours hours_per_week seats min_age \
                     pay_type pay_amount pay credit supports principles principle_count apply_url \
                     summary";
        assert_eq!(names[..29], first.split_whitespace().collect::<Vec<_>>());
        assert_eq!(names.last(), Some(&"description"));
    }

    #[test]
    fn the_translatable_columns_are_the_fields_a_translation_holds() {
        use crate::model::catalog::{EMPLOYER_TEXT, OPPORTUNITY_TEXT, PATHWAY_TEXT};
        for (t, fields) in [
            (RecordType::Pathway, PATHWAY_TEXT),
            (RecordType::Employer, EMPLOYER_TEXT),
            (RecordType::Opportunity, OPPORTUNITY_TEXT),
        ] {
            let mut translatable: Vec<&str> = t
                .columns()
                .iter()
                .filter(|c| c.translatable())
                .map(|c| c.name)
                .collect();
            let mut fields = fields.to_vec();
            translatable.sort_unstable();
            fields.sort_unstable();
            assert_eq!(translatable, fields, "{t:?}");
        }
    }

    #[test]
    fn names_are_unique_in_each_type() {
        for t in RecordType::ALL {
            let mut names: Vec<&str> = t.columns().iter().map(|c| c.name).collect();
            names.sort_unstable();
            let len = names.len();
            names.dedup();
            assert_eq!(names.len(), len, "{t:?}");
        }
    }
}

//! The theme: built-in templates and static files embedded in the binary, overridden file by
//! file by a site's `themes/<name>/templates/` and `themes/<name>/static/`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tera::Tera;

use super::contexts::TemplateContext;
use crate::diagnostics::Diagnostic;
use crate::memo::Memo;

macro_rules! builtin {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/themes/default/templates/", $name)))),*]
    };
}

/// The default theme's templates, by name.
pub const BUILTIN_TEMPLATES: &[(&str, &str)] = builtin![
    "base.html",
    "macros.html",
    "languages.html",
    "home.html",
    "toolkits.html",
    "toolkit.html",
    "chapter.html",
    "sidebar.html",
    "print.html",
    "audience.html",
    "page.html",
    "404.html",
    "opportunity_card.html",
    "opportunity.html",
    "opportunities.html",
    "employers.html",
    "employer.html",
    "pathways.html",
    "pathway.html",
    "insights_table.html",
    "insights.html",
    "compare.html",
    "districts.html",
    "district.html",
    "adapt.html",
    "translations.html",
    "translation.html",
    "search.html",
];

/// The default theme's static files, by path under `static/`.
pub const BUILTIN_STATIC: &[(&str, &[u8])] = &[
    (
        "style.css",
        include_bytes!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/themes/default/static/style.css"
        )),
    ),
    (
        "facets.js",
        include_bytes!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/themes/default/static/facets.js"
        )),
    ),
    (
        "search.js",
        include_bytes!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/themes/default/static/search.js"
        )),
    ),
    (
        "favicon.svg",
        include_bytes!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/themes/default/static/favicon.svg"
        )),
    ),
];

mod files;
mod ids;
use files::{read_static, read_templates};
pub use ids::THEME_IDS;

/// Built-in templates are also registered under this prefix, so that an override can
/// `{% extends "default/chapter.html" %}` and change one block.
pub const BUILTIN_PREFIX: &str = "default/";

/// A loaded theme: the template engine and the static files to copy.
pub struct Theme {
    /// The template engine, holding the built-in templates and the theme's overrides.
    pub tera: Tera,
    /// Output path (relative to the site root URL) → bytes.
    pub static_files: BTreeMap<String, Vec<u8>>,
    /// Template name → the site file it came from, for messages.
    pub sources: BTreeMap<String, PathBuf>,
    /// Template name → text, for the site's own templates (the built-in ones never change
    /// while the program runs).
    pub site_templates: BTreeMap<String, String>,
    /// What loading the theme found that did not stop it (a skipped named pipe).
    pub warnings: Vec<Diagnostic>,
    /// Language code → the theme's strings in that language.
    pub strings: BTreeMap<String, super::strings::Strings>,
    /// Each language's strings with the templates that have them written in (see
    /// `render::fold`), for the languages whose templates could be folded.
    folded: Vec<(super::strings::Strings, Tera)>,
}

/// Template name → text, template name → site file, and the site's own templates.
type Templates = (
    BTreeMap<String, String>,
    BTreeMap<String, PathBuf>,
    BTreeMap<String, String>,
);

/// What a theme is made from: its files as read, and what reading them found.
#[derive(Clone, PartialEq)]
pub struct ThemeFiles {
    templates: Templates,
    static_files: BTreeMap<String, Vec<u8>>,
    strings: BTreeMap<String, super::strings::Strings>,
    problems: Vec<Diagnostic>,
}

impl ThemeFiles {
    /// Compiles the templates. Fails only on errors; warnings travel in
    /// [`Theme::warnings`].
    fn compile(self) -> Result<Theme, Vec<Diagnostic>> {
        let ThemeFiles {
            templates: (templates, sources, site_templates),
            static_files,
            strings,
            mut problems,
        } = self;
        let mut tera = Tera::default();
        tera.register_filter("fill", Fill);
        tera.register_function("script_strings", ScriptStrings::new(&strings));
        tera.autoescape_on(vec![".html"]);
        tera.set_escape_fn(escape_html);
        if let Err(err) =
            tera.add_raw_templates(templates.iter().map(|(n, t)| (n.as_str(), t.as_str())))
        {
            problems.push(template_diagnostic(&sources, &err));
        }
        if problems.iter().any(Diagnostic::is_error) {
            return Err(problems);
        }
        let (strings, folded) = fold_strings(&tera, strings);
        Ok(Theme {
            tera,
            static_files,
            sources,
            site_templates,
            warnings: problems,
            strings,
            folded,
        })
    }
}

impl Theme {
    /// Loads the built-in theme and the site's overrides from `themes/<name>/`, with the
    /// strings of each of `languages` (the codes of `[languages]` in `site.toml`, each of
    /// which needs a table). Fails only on errors; warnings (a skipped named pipe) travel
    /// in [`Theme::warnings`].
    pub fn load(root: &Path, name: &str, languages: &[&str]) -> Result<Theme, Vec<Diagnostic>> {
        Theme::read(root, name, languages)?.compile()
    }

    /// [`Theme::load`], taking the theme `kept` holds when its files are unchanged: reading
    /// them is quick, compiling the templates is not. Keeps this one there for the next.
    pub fn load_reusing(
        root: &Path,
        name: &str,
        languages: &[&str],
        kept: &mut Memo<ThemeFiles, Result<Arc<Theme>, Vec<Diagnostic>>>,
    ) -> Result<Arc<Theme>, Vec<Diagnostic>> {
        let files = Theme::read(root, name, languages)?;
        let (theme, _) = kept.get_or_make(files, |files| files.clone().compile().map(Arc::new));
        theme.clone()
    }

    /// Reads the theme's files: its templates, static files and strings.
    fn read(root: &Path, name: &str, languages: &[&str]) -> Result<ThemeFiles, Vec<Diagnostic>> {
        let dir = PathBuf::from("themes").join(name);
        if name != "default" && !root.join(&dir).is_dir() {
            return Err(vec![Diagnostic::error(
                "content/site.toml",
                format!("theme `{name}` not found"),
            )
            .help(format!(
                "create {}/ with templates/ and static/, or set theme = \"default\"",
                dir.display()
            ))]);
        }
        let mut problems = Vec::new();
        let templates = read_templates(root, &dir.join("templates"), &mut problems);
        let static_files = read_static(root, &dir.join("static"), &mut problems);
        let strings = super::strings::load(root, &dir, languages, &mut problems);
        Ok(ThemeFiles {
            templates,
            static_files,
            strings,
            problems,
        })
    }
    /// The strings of the language `code`; English's when the theme has none for it.
    pub fn strings(&self, code: &str) -> &super::strings::Strings {
        self.strings
            .get(code)
            .or_else(|| self.strings.get("en"))
            .expect("the built-in English strings are always there")
    }

    /// Renders a context with its template; a failure names the template file and the cause.
    pub fn render(&self, context: &impl TemplateContext) -> Result<String, Diagnostic> {
        let strings = context.strings();
        let tera = match strings.is_folded() {
            true => self
                .folded
                .iter()
                .find(|(folded, _)| folded.same_table(strings))
                .map_or(&self.tera, |(_, tera)| tera),
            false => &self.tera,
        };
        let mut html = tera::Context::from_serialize(context)
            .and_then(|variables| tera.render(context.template(), &variables))
            .map_err(|err| template_diagnostic(&self.sources, &err))?;
        // The output grew by doubling; all pages are held until the build ends, so the
        // slack would cost a third more memory than the site's size.
        html.shrink_to_fit();
        Ok(html)
    }
}

/// Each language's strings, marked as folded where the templates could have them written
/// in, and the templates that have them.
#[allow(clippy::type_complexity)]
fn fold_strings(
    tera: &Tera,
    strings: BTreeMap<String, super::strings::Strings>,
) -> (
    BTreeMap<String, super::strings::Strings>,
    Vec<(super::strings::Strings, Tera)>,
) {
    let mut folded = Vec::new();
    let strings = strings
        .into_iter()
        .map(
            |(code, table)| match super::fold::fold(tera, table.table()) {
                Some((engine, kept)) => {
                    let table = table.folded(kept);
                    folded.push((table.clone(), engine));
                    (code, table)
                }
                None => (code, table),
            },
        )
        .collect();
    (strings, folded)
}

/// `{{ t.home.open | fill(count=n) }}`: a string of the strings table with each `{name}`
/// replaced by the argument of that name. The string's own text is the theme's, written
/// as it is (like a template's text); the values are escaped, except an argument whose
/// name ends in `_html` (`link_html` fills `{link}`), which the template built as markup.
struct Fill;

impl tera::Filter for Fill {
    fn filter(
        &self,
        value: &tera::Value,
        args: &std::collections::HashMap<String, tera::Value>,
    ) -> tera::Result<tera::Value> {
        let text = value
            .as_str()
            .ok_or_else(|| tera::Error::msg("`fill` takes a string of the strings table"))?;
        let values: Vec<(&str, String)> = args
            .iter()
            .map(|(name, value)| {
                let value = match value {
                    tera::Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                match name.strip_suffix("_html") {
                    Some(name) => (name, value),
                    None => (name.as_str(), escape_html(&value)),
                }
            })
            .collect();
        let pairs: Vec<(&str, &str)> = values.iter().map(|(n, v)| (*n, v.as_str())).collect();
        Ok(tera::Value::String(super::strings::fill(text, &pairs)))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

/// `{{ script_strings(lang=site.language) }}`: the `[script]` strings of the page's
/// language as `<script type="application/json" id="theme-strings">`, for the scripts'
/// messages; nothing when they are the built-in English ones, which the scripts already
/// hold. Each language's element is made once, when the theme is loaded.
struct ScriptStrings {
    /// Language code → its element (empty for the built-in English strings).
    elements: BTreeMap<String, String>,
}

impl ScriptStrings {
    fn new(strings: &BTreeMap<String, super::strings::Strings>) -> ScriptStrings {
        let script = |t: &super::strings::Strings| {
            tera::to_value(t)
                .ok()
                .and_then(|t| t.get("script").cloned())
                .unwrap_or_default()
        };
        let english = super::strings::builtin()
            .get("en")
            .map(script)
            .unwrap_or_default();
        let elements = strings
            .iter()
            .map(|(code, table)| {
                let script = script(table);
                let element = if script == english {
                    String::new()
                } else {
                    Self::element(&script)
                };
                (code.clone(), element)
            })
            .collect();
        ScriptStrings { elements }
    }

    /// The `<script>` element that holds `script`.
    fn element(script: &tera::Value) -> String {
        // `<` never closes the element early: JSON lets it be written as \u003c.
        let json = serde_json::to_string(script)
            .expect("strings serialise")
            .replace('<', "\\u003c");
        format!("\n<script type=\"application/json\" id=\"theme-strings\">{json}</script>")
    }
}

impl tera::Function for ScriptStrings {
    fn call(
        &self,
        args: &std::collections::HashMap<String, tera::Value>,
    ) -> tera::Result<tera::Value> {
        let code = args
            .get("lang")
            .and_then(tera::Value::as_str)
            .ok_or_else(|| tera::Error::msg("`script_strings` takes lang=site.language"))?;
        let element = self.elements.get(code).cloned().unwrap_or_default();
        Ok(tera::Value::String(element))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

/// A template error as a diagnostic at the template's file, with tera's chain of causes.
fn template_diagnostic(sources: &BTreeMap<String, PathBuf>, err: &tera::Error) -> Diagnostic {
    let mut chain = vec![err.to_string()];
    let mut source = std::error::Error::source(err);
    while let Some(cause) = source {
        chain.push(cause.to_string());
        source = cause.source();
    }
    let named = sources.iter().find(|(name, _)| {
        chain
            .iter()
            .any(|c| c.contains(&format!("'{name}'")) || c.contains(&format!("`{name}`")))
    });
    let path = match named {
        Some((_, path)) => path.clone(),
        None => PathBuf::from("themes/default/templates"),
    };
    Diagnostic::error(path, format!("template error: {}", chain.join(": ")))
        .help("check the template against the built-in one of the same name (see README, Themes)")
}

/// Escapes text for HTML text and quoted attributes. Unlike tera's default it leaves `/`
/// alone, so URLs stay readable (and the sidebar can find the current page's link).
fn escape_html(text: &str) -> String {
    crate::markdown::escape_attr(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names of the files in `themes/default/<folder>/`, sorted.
    fn files_in(folder: &str) -> Vec<String> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("themes/default")
            .join(folder);
        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .expect("the default theme is in the repository")
            .map(|entry| {
                let entry = entry.expect("the default theme's folder is readable");
                entry.file_name().to_string_lossy().into_owned()
            })
            .collect();
        names.sort_unstable();
        names
    }

    fn sorted<'a>(names: impl Iterator<Item = &'a str>) -> Vec<String> {
        let mut names: Vec<String> = names.map(str::to_string).collect();
        names.sort_unstable();
        names
    }

    #[test]
    fn every_template_of_the_default_theme_is_embedded() {
        let embedded = sorted(BUILTIN_TEMPLATES.iter().map(|(name, _)| *name));
        assert_eq!(embedded, files_in("templates"));
    }

    #[test]
    fn the_readme_names_every_built_in_template() {
        let readme = include_str!("../../README.md");
        let themes = readme
            .split_once("## Themes")
            .and_then(|(_, rest)| rest.split("\n## ").next())
            .expect("the README has a Themes section");
        let missing: Vec<&str> = BUILTIN_TEMPLATES
            .iter()
            .map(|(name, _)| *name)
            .filter(|name| !themes.contains(&format!("`{name}`")))
            .collect();
        assert_eq!(missing, Vec::<&String>::new());
    }

    #[test]
    fn every_static_file_of_the_default_theme_is_embedded() {
        let embedded = sorted(BUILTIN_STATIC.iter().map(|(name, _)| *name));
        assert_eq!(embedded, files_in("static"));
    }

    #[test]
    fn the_built_in_templates_have_every_language_s_strings_written_in() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/basic");
        let theme = Theme::load(&root, "default", &["es"]).expect("the built-in theme loads");
        assert!(theme.strings("en").is_folded() && theme.strings("es").is_folded());
    }

    #[test]
    fn the_not_found_page_in_spanish_has_no_english_word_left() {
        use crate::render::contexts::{Frame, NotFoundContext};
        use crate::render::views::{DateText, PageKind, PageMeta, SiteView};
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/basic");
        let theme = Theme::load(&root, "default", &["es"]).expect("the built-in theme loads");
        let es = theme.strings("es");
        let site = SiteView {
            title: "Red de aprendizaje".into(),
            description: String::new(),
            language: "es".into(),
            base_path: "/".into(),
            static_path: "/".into(),
            base_url: "https://example.org".into(),
            build_date: DateText::new(
                crate::config::Date {
                    year: 2026,
                    month: 12,
                    day: 4,
                },
                es,
            ),
            nav: Vec::new(),
            footer_nav: Vec::new(),
            has_catalog: false,
        };
        let html = theme
            .render(&NotFoundContext {
                frame: Frame {
                    site: &site,
                    t: es,
                    page: PageMeta {
                        title: es.text("not_found.page_title").into(),
                        description: String::new(),
                        url: "/404.html".into(),
                        canonical: "https://example.org/404.html".into(),
                        kind: PageKind::NotFound,
                    },
                    languages: None,
                },
            })
            .expect("the page renders");
        let english = theme.strings("en");
        let body = html.split("<body").nth(1).expect("a body");
        let mut left: Vec<&str> = [
            "nav.skip",
            "search.label",
            "not_found.title",
            "not_found.lead",
        ]
        .into_iter()
        .chain(["not_found.home", "not_found.toolkits", "nav.site"])
        .map(|key| english.text(key))
        .filter(|text| body.contains(text))
        .collect();
        left.extend(
            ["December", "Updated", "cookies and"]
                .into_iter()
                .filter(|w| body.contains(w)),
        );
        assert_eq!(left, Vec::<&str>::new());
        assert!(body.contains("No encontramos esa página"));
        assert!(body.contains("Actualizado el 4 de diciembre de 2026."));
        assert!(html.contains("<title>Página no encontrada · Red de aprendizaje</title>"));
        assert!(html.contains(r#"<script type="application/json" id="theme-strings">{"#));
        assert!(html.contains(r#","failed":"No se pudieron"#));
    }

    #[test]
    fn the_scripts_hold_the_english_messages_of_the_table() {
        let english = crate::render::strings::builtin()["en"].clone();
        let scripts: String = BUILTIN_STATIC
            .iter()
            .filter(|(name, _)| name.ends_with(".js"))
            .map(|(_, bytes)| {
                String::from_utf8_lossy(bytes)
                    .replace("\\u201c", "\u{201c}")
                    .replace("\\u201d", "\u{201d}")
            })
            .collect();
        // Every message of `[script]`: the scripts fall back on these words on English pages.
        let table: toml::Table =
            toml::from_str(crate::render::strings::BUILTIN_STRINGS[0].1).expect("it parses");
        let keys: Vec<&String> = table["script"]
            .as_table()
            .expect("a [script] section")
            .keys()
            .collect();
        let missing: Vec<&String> = keys
            .into_iter()
            .filter(|key| !scripts.contains(english.text(&format!("script.{key}"))))
            .collect();
        assert_eq!(missing, Vec::<&str>::new());
    }

    #[test]
    fn theme_ids_are_the_ids_the_built_in_templates_write() {
        let mut found: Vec<&str> = BUILTIN_TEMPLATES
            .iter()
            .flat_map(|(_, text)| text.split("id=\"").skip(1))
            .filter_map(|rest| rest.split_once('"').map(|(id, _)| id))
            .filter(|id| !id.contains('{'))
            .collect();
        found.sort_unstable();
        found.dedup();
        assert_eq!(found, THEME_IDS);
    }
}

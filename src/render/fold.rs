//! The theme's strings written into its templates, once per language.
//!
//! Every page template reads the strings table as `t` (`{{ t.nav.search }}`). Handing the
//! whole table to each template made every page copy it into its variables, about 470
//! strings, a fifth of a catalog build's time. Instead, each language gets its own copy of
//! the templates in which every `t.<section>.<key>` that names a string is replaced by that
//! string, so the table is never copied per page. The result is the same text: Tera escapes
//! a string literal exactly as it escapes a variable.
//!
//! What cannot be written in is still read from `t`, which then holds only the sections
//! read that way: a section passed whole (`s=t.languages`), a key tested
//! (`t.x is defined`) or missing. A theme that binds a variable named `t` (`{% set %}`, a
//! loop, a macro argument), reads `t` itself or dumps its context is not folded: each page
//! gets the whole table, as before.

use std::collections::BTreeSet;

use tera::ast::{Expr, ExprVal, FunctionCall, MacroDefinition, Node};
use tera::Tera;

/// The name templates read the strings table by.
const NAME: &str = "t";

/// `tera` with every `t.…` string of `table` written in, and the part of `table` the
/// templates still read as `t`; `None` when some template uses `t` in a way that cannot be
/// written in (see the module docs).
pub(super) fn fold(tera: &Tera, table: &toml::Table) -> Option<(Tera, toml::Table)> {
    let mut folded = tera.clone();
    let mut folder = Folder {
        table,
        complete: true,
        sections: BTreeSet::new(),
    };
    for template in folded.templates.values_mut() {
        folder.nodes(&mut template.ast);
        for definition in template.macros.values_mut() {
            folder.definition(definition);
        }
        for block in template.blocks.values_mut() {
            folder.nodes(&mut block.body);
        }
        for definitions in template.blocks_definitions.values_mut() {
            for (_, block) in definitions {
                folder.nodes(&mut block.body);
            }
        }
    }
    let kept = table
        .iter()
        .filter(|(section, _)| folder.sections.contains(*section))
        .map(|(section, value)| (section.clone(), value.clone()))
        .collect();
    folder.complete.then_some((folded, kept))
}

/// Writes strings in, and notes the sections still read from `t` and whether the templates
/// can be folded at all.
struct Folder<'a> {
    table: &'a toml::Table,
    complete: bool,
    /// The top-level keys of the table that templates still read from `t`.
    sections: BTreeSet<String>,
}

impl Folder<'_> {
    /// The string at `ident` (`t.nav.search`), if `ident` reads one from the table.
    fn string(&self, ident: &str) -> Option<String> {
        let path = ident.strip_prefix(NAME)?.strip_prefix('.')?;
        let mut parts = path.split('.');
        let first = self.table.get(parts.next()?)?;
        let value = parts.try_fold(first, |value, part| value.get(part))?;
        value.as_str().map(str::to_string)
    }

    /// Whether `ident` reads `t` (`t`, `t.x`, `t[x]`) or the whole context.
    fn reads_table(ident: &str) -> bool {
        ident == "__tera_context"
            || ident
                .strip_prefix(NAME)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
    }

    /// Keeps the section `ident` reads in `t` (`t.languages` keeps `languages`); an ident
    /// that reads `t` otherwise (`t`, `t[x]`, the whole context) stops the folding.
    fn keep(&mut self, ident: &str) {
        let section = ident
            .strip_prefix(NAME)
            .and_then(|rest| rest.strip_prefix('.'))
            .and_then(|path| path.split('.').next())
            .filter(|section| {
                !section.is_empty() && section.chars().all(|c| c.is_alphanumeric() || c == '_')
            });
        match section {
            Some(section) => {
                self.sections.insert(section.to_string());
            }
            None => self.complete = false,
        }
    }

    /// Notes a binding of `name`: a template variable called `t` hides the table.
    fn binds(&mut self, name: &str) {
        if name == NAME {
            self.complete = false;
        }
    }

    fn nodes(&mut self, nodes: &mut [Node]) {
        for node in nodes {
            self.node(node);
        }
    }

    fn node(&mut self, node: &mut Node) {
        match node {
            Node::VariableBlock(_, expr) => self.expr(expr),
            Node::MacroDefinition(_, definition, _) => self.definition(definition),
            Node::Set(_, set) => {
                self.binds(&set.key);
                self.expr(&mut set.value);
            }
            Node::FilterSection(_, section, _) => {
                self.call(&mut section.filter);
                self.nodes(&mut section.body);
            }
            Node::Block(_, block, _) => self.nodes(&mut block.body),
            Node::Forloop(_, forloop, _) => {
                if let Some(key) = &forloop.key {
                    self.binds(key);
                }
                self.binds(&forloop.value);
                self.expr(&mut forloop.container);
                self.nodes(&mut forloop.body);
                if let Some(body) = &mut forloop.empty_body {
                    self.nodes(body);
                }
            }
            Node::If(branches, _) => {
                for (_, condition, body) in &mut branches.conditions {
                    self.expr(condition);
                    self.nodes(body);
                }
                if let Some((_, body)) = &mut branches.otherwise {
                    self.nodes(body);
                }
            }
            Node::Super
            | Node::Text(_)
            | Node::Extends(..)
            | Node::Include(..)
            | Node::ImportMacro(..)
            | Node::Raw(..)
            | Node::Break(_)
            | Node::Continue(_)
            | Node::Comment(..) => {}
        }
    }

    fn definition(&mut self, definition: &mut MacroDefinition) {
        for (name, default) in &mut definition.args {
            self.binds(name);
            if let Some(default) = default {
                self.expr(default);
            }
        }
        self.nodes(&mut definition.body);
    }

    fn call(&mut self, call: &mut FunctionCall) {
        for expr in call.args.values_mut() {
            self.expr(expr);
        }
    }

    fn expr(&mut self, expr: &mut Expr) {
        self.value(&mut expr.val);
        for filter in &mut expr.filters {
            self.call(filter);
        }
    }

    fn value(&mut self, value: &mut ExprVal) {
        match value {
            ExprVal::Ident(ident) if Self::reads_table(ident) => match self.string(ident) {
                Some(text) => *value = ExprVal::String(text),
                None => self.keep(ident),
            },
            ExprVal::Math(math) => {
                self.expr(&mut math.lhs);
                self.expr(&mut math.rhs);
            }
            ExprVal::Logic(logic) => {
                self.expr(&mut logic.lhs);
                self.expr(&mut logic.rhs);
            }
            ExprVal::In(within) => {
                self.expr(&mut within.lhs);
                self.expr(&mut within.rhs);
            }
            ExprVal::Test(test) => {
                if Self::reads_table(&test.ident) {
                    self.keep(&test.ident);
                }
                for arg in &mut test.args {
                    self.expr(arg);
                }
            }
            ExprVal::MacroCall(call) => {
                for (name, arg) in &mut call.args {
                    self.binds(name);
                    self.expr(arg);
                }
            }
            ExprVal::FunctionCall(call) => self.call(call),
            ExprVal::Array(items) => {
                for item in items {
                    self.expr(item);
                }
            }
            ExprVal::StringConcat(concat) => {
                for part in &mut concat.values {
                    self.value(part);
                }
            }
            ExprVal::String(_)
            | ExprVal::Int(_)
            | ExprVal::Float(_)
            | ExprVal::Bool(_)
            | ExprVal::Ident(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn engine(templates: &[(&str, &str)]) -> Tera {
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html"]);
        tera.add_raw_templates(templates.to_vec()).unwrap();
        tera
    }

    fn table() -> toml::Table {
        toml::from_str(
            "[nav]\nsearch = \"Search <all>\"\n[catalog]\nopen = \"Open\"\n[dates]\nday = \"Day\"\n",
        )
        .unwrap()
    }

    fn render(tera: &Tera, name: &str, t: &toml::Table) -> String {
        let mut context = tera::Context::new();
        context.insert("x", "<x>");
        context.insert(NAME, t);
        tera.render(name, &context).unwrap()
    }

    #[test]
    fn folded_templates_render_what_the_table_renders() {
        let tera = engine(&[
            ("base.html", "<p>{{ t.nav.search }}</p>{% block main %}{% endblock main %}"),
            (
                "macros.html",
                "{% macro m(a, s) %}{{ a }} {{ t.catalog.open | lower }} {{ s.day }}{% endmacro m %}",
            ),
            (
                "page.html",
                "{% extends \"base.html\" %}{% import \"macros.html\" as k %}{% block main %}\
                 {{ k::m(a=x, s=t.dates) }}{% if t.catalog.open == \"Open\" %}{{ t.catalog.open ~ x }}{% endif %}\
                 {% if t.nav.gone is defined %}gone{% endif %}{% endblock main %}",
            ),
        ]);
        let (folded, kept) = fold(&tera, &table()).expect("every use can be written in");
        let expected = render(&tera, "page.html", &table());
        assert_eq!(render(&folded, "page.html", &kept), expected);
        assert!(expected.starts_with("<p>Search &lt;all&gt;</p>&lt;x&gt; open Day"));
        assert_eq!(
            kept.keys().collect::<Vec<_>>(),
            ["dates", "nav"],
            "only what is read whole or tested stays"
        );
    }

    #[test]
    fn a_theme_that_reads_t_itself_is_not_folded() {
        for template in [
            "{{ t }}",
            "{{ t[\"nav\"] }}",
            "{% set t = x %}{{ t }}",
            "{% for t in [1] %}{{ t }}{% endfor %}",
            "{{ __tera_context }}",
        ] {
            let tera = engine(&[("page.html", template)]);
            assert!(fold(&tera, &table()).is_none(), "{template}");
        }
    }
}

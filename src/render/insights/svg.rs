//! Charts drawn as inline SVG: horizontal bars, one series or two. Every bar carries its
//! value as text beside it, a second series is hatched as well as coloured, and each chart
//! has a title and a description for screen readers (the data table follows it). Colours
//! come from the theme's style sheet (`.chart` rules), so dark mode and print apply.

use crate::markdown::escape_attr as escape;
use std::fmt::Write;

/// Width of the drawing, in its own units; it scales to the page.
const WIDTH: f64 = 480.0;
/// Where bars start: the labels are right-aligned before it.
const BAR_START: f64 = 180.0;
/// The longest bar, leaving room for its value.
const BAR_SPACE: f64 = 250.0;
/// Height of one bar's row.
const ROW: f64 = 26.0;

/// One bar: its label, its value, and the value as read.
pub struct Bar {
    /// What it counts (a district, a stage, ...).
    pub label: String,
    /// Its values, one per series.
    pub values: Vec<f64>,
    /// Each value as people read it ("12", "45%").
    pub texts: Vec<String>,
}

/// What a chart is called and says, for its `<title>` and `<desc>`.
pub struct Heading<'a> {
    /// A unique id stem on the page.
    pub id: &'a str,
    /// Its title.
    pub title: &'a str,
    /// A sentence saying what it shows and where the numbers are.
    pub description: &'a str,
    /// The names of the series, shown in a legend when there are two.
    pub series: &'a [String],
}

/// A bar chart of `bars` (one series, or two side by side).
pub fn bars(heading: &Heading, bars: &[Bar]) -> String {
    let series = bars.first().map_or(1, |b| b.values.len()).max(1);
    let legend = if series > 1 { ROW } else { 0.0 };
    let band = ROW * series as f64 + 8.0;
    let height = legend + band * bars.len() as f64 + 8.0;
    let max = bars
        .iter()
        .flat_map(|b| b.values.iter().copied())
        .fold(0.0_f64, f64::max);
    let id = heading.id;
    let mut svg = format!(
        "<svg class=\"chart\" viewBox=\"0 0 {WIDTH} {height}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" focusable=\"false\">\
         <title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
        escape(heading.title),
        escape(heading.description)
    );
    if series > 1 {
        let _ = write!(
            svg,
            "<defs><pattern id=\"{id}-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">\
             <rect class=\"hatch-bg\" width=\"6\" height=\"6\"/><line class=\"hatch-line\" x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\"/></pattern></defs>"
        );
        for (s, name) in heading.series.iter().enumerate().take(series) {
            let x = BAR_START + s as f64 * 130.0;
            let _ = write!(
                svg,
                "<rect class=\"{}\" x=\"{x}\" y=\"4\" width=\"16\" height=\"14\"{}/><text x=\"{}\" y=\"16\">{}</text>",
                bar_class(s),
                fill(id, s),
                x + 22.0,
                escape(name)
            );
        }
    }
    for (i, bar) in bars.iter().enumerate() {
        let top = legend + band * i as f64 + 4.0;
        let _ = write!(
            svg,
            "<text class=\"chart-label\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
            BAR_START - 8.0,
            top + band / 2.0,
            escape(&bar.label)
        );
        for (s, (&value, text)) in bar.values.iter().zip(&bar.texts).enumerate() {
            let y = top + ROW * s as f64;
            let length = if max > 0.0 {
                value / max * BAR_SPACE
            } else {
                0.0
            };
            let _ = write!(
                svg,
                "<rect class=\"{}\" x=\"{BAR_START}\" y=\"{y}\" width=\"{:.1}\" height=\"{}\"{}/>\
                 <text class=\"chart-value\" x=\"{:.1}\" y=\"{}\">{}</text>",
                bar_class(s),
                length.max(1.0),
                ROW - 6.0,
                fill(id, s),
                BAR_START + length.max(1.0) + 6.0,
                y + ROW - 11.0,
                escape(text)
            );
        }
    }
    svg.push_str("</svg>");
    svg
}

/// The class of series `s`'s bars.
fn bar_class(s: usize) -> &'static str {
    if s == 0 {
        "bar"
    } else {
        "bar bar-alt"
    }
}

/// The hatched fill of the second series.
fn fill(id: &str, s: usize) -> String {
    if s == 0 {
        String::new()
    } else {
        format!(" fill=\"url(#{id}-hatch)\"")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chart_has_a_title_a_description_and_each_value_as_text() {
        let svg = bars(
            &Heading {
                id: "c",
                title: "Open <by> stage",
                description: "Bars",
                series: &[],
            },
            &[Bar {
                label: "A & B".into(),
                values: vec![3.0],
                texts: vec!["3".into()],
            }],
        );
        assert!(svg.contains("aria-labelledby=\"c-title c-desc\""));
        assert!(svg.contains("<title id=\"c-title\">Open &lt;by&gt; stage</title>"));
        assert!(svg.contains(">A &amp; B</text>"));
        assert!(svg.contains(">3</text>"));
    }
}

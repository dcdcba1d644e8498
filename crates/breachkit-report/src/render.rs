//! Rendering drafts: Markdown, self-contained HTML (with the timeline as an inline SVG figure),
//! and JSON (the structured fields).

use std::fmt::Write;

use crate::catalogue::Catalogue;
use crate::draft::{Draft, Section};

/// Output formats.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[non_exhaustive]
pub enum Format {
    /// Markdown.
    Markdown,
    /// Self-contained, printable HTML.
    Html,
    /// JSON: the draft with its structured fields.
    Json,
}

impl std::str::FromStr for Format {
    type Err = crate::ReportError;
    fn from_str(s: &str) -> Result<Self, crate::ReportError> {
        match s {
            "md" | "markdown" => Ok(Format::Markdown),
            "html" => Ok(Format::Html),
            "json" => Ok(Format::Json),
            _ => Err(crate::ReportError::UnknownFormat),
        }
    }
}

/// Renders drafts in a format (several drafts are separated: a rule in Markdown, a page break in
/// HTML, a JSON array).
pub fn render(drafts: &[Draft], cat: &Catalogue, format: Format) -> String {
    match format {
        Format::Json => {
            let mut s = serde_json::to_string_pretty(drafts).unwrap_or_default();
            s.push('\n');
            s
        }
        Format::Markdown => drafts
            .iter()
            .map(|d| markdown(d, cat))
            .collect::<Vec<_>>()
            .join("\n---\n\n"),
        Format::Html => html(drafts, cat),
    }
}

fn md_section(s: &Section, out: &mut String) {
    if !s.heading.is_empty() {
        let _ = writeln!(out, "## {}\n", s.heading);
    }
    for p in &s.paragraphs {
        let _ = writeln!(out, "{p}\n");
    }
    for (i, item) in s.items.iter().enumerate() {
        if s.numbered {
            let _ = writeln!(out, "{}. {item}", i.saturating_add(1));
        } else {
            let _ = writeln!(out, "- {item}");
        }
    }
    if !s.items.is_empty() {
        out.push('\n');
    }
    if let Some(c) = &s.cite {
        let _ = writeln!(out, "<sub>{c}</sub>\n");
    }
}

fn completeness(d: &Draft, cat: &Catalogue) -> Option<(String, Vec<String>)> {
    if d.missing.is_empty() {
        return None;
    }
    let head = if d.must_be_complete {
        cat.get("text.incomplete_final")
    } else if d.kind == crate::draft::ReportKind::PpcPreliminary {
        cat.get("text.incomplete_preliminary")
    } else {
        cat.get("text.missing_heading")
    };
    let items = d
        .missing
        .iter()
        .map(|m| format!("{} — `{}`", m.label, m.path))
        .collect();
    Some((head, items))
}

/// Markdown of one draft.
pub fn markdown(d: &Draft, cat: &Catalogue) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", d.title);
    for h in &d.header {
        let _ = writeln!(out, "{h}  ");
    }
    if !d.header.is_empty() {
        out.push('\n');
    }
    if let Some((head, items)) = completeness(d, cat) {
        let marker = if d.must_be_complete { "**⚠ " } else { "**" };
        let _ = writeln!(out, "> {marker}{head}**\n>");
        for i in items {
            let _ = writeln!(out, "> - {i}");
        }
        out.push('\n');
    }
    for p in &d.intro {
        let _ = writeln!(out, "{p}\n");
    }
    for s in &d.sections {
        md_section(s, &mut out);
    }
    for p in &d.closing {
        let _ = writeln!(out, "{p}\n");
    }
    let _ = writeln!(out, "---\n\n*{}*", d.footer);
    out
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Inline, accessible SVG of the dated timeline points.
pub fn timeline_svg(d: &Draft, cat: &Catalogue, id: &str) -> String {
    let n = d.timeline.len();
    let row: usize = 28;
    let height = row.saturating_mul(n.max(1)).saturating_add(20);
    let mut s = String::new();
    let title = cat.get("text.figure_timeline");
    let desc: Vec<String> = d
        .timeline
        .iter()
        .map(|p| format!("{}: {}", p.label_date, p.label))
        .collect();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{id}-t {id}-d" width="640" height="{height}" viewBox="0 0 640 {height}"><title id="{id}-t">{}</title><desc id="{id}-d">{}</desc>"#,
        esc(&title),
        esc(&desc.join("; "))
    );
    if n > 0 {
        let _ = write!(
            s,
            r##"<line x1="150" y1="16" x2="150" y2="{}" stroke="#555" stroke-width="2"/>"##,
            row.saturating_mul(n).saturating_add(10)
        );
    }
    for (i, p) in d.timeline.iter().enumerate() {
        let y = row.saturating_mul(i).saturating_add(24);
        let _ = write!(
            s,
            r##"<circle cx="150" cy="{y}" r="6" fill="#1f5fa8"/><text x="138" y="{}" text-anchor="end" font-size="13">{}</text><text x="164" y="{}" font-size="13">{}</text>"##,
            y.saturating_add(4),
            esc(&p.label_date),
            y.saturating_add(4),
            esc(&p.label)
        );
    }
    s.push_str("</svg>");
    s
}

const CSS: &str = "body{font-family:system-ui,-apple-system,'Hiragino Sans','Noto Sans CJK JP',sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.6;color:#111}h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:1.6rem;border-bottom:1px solid #ccc}.cite{color:#555;font-size:.85rem}.warn{border:2px solid #b00020;padding:.5rem 1rem;background:#fff4f4}.note{border:1px solid #999;padding:.5rem 1rem;background:#f6f6f6}figure{margin:1.5rem 0}footer{margin-top:2rem;color:#555;font-size:.85rem}article+article{break-before:page;margin-top:3rem}@media print{body{margin:0;max-width:none}a{color:inherit}}";

/// Self-contained HTML of several drafts (one `article` each).
pub fn html(drafts: &[Draft], cat: &Catalogue) -> String {
    let lang = cat.lang().tag();
    let title = drafts.first().map_or_else(String::new, |d| d.title.clone());
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n",
        esc(&title)
    );
    for (k, d) in drafts.iter().enumerate() {
        let _ = writeln!(out, "<article aria-labelledby=\"doc{k}\">");
        let _ = writeln!(out, "<h1 id=\"doc{k}\">{}</h1>", esc(&d.title));
        for h in &d.header {
            let _ = writeln!(out, "<p>{}</p>", esc(h));
        }
        if let Some((head, items)) = completeness(d, cat) {
            let class = if d.must_be_complete { "warn" } else { "note" };
            let role = if d.must_be_complete {
                " role=\"alert\""
            } else {
                ""
            };
            let _ = writeln!(
                out,
                "<section class=\"{class}\"{role}><p><strong>{}</strong></p><ul>",
                esc(&head)
            );
            for i in items {
                let _ = writeln!(out, "<li>{}</li>", esc(&i).replace('`', ""));
            }
            let _ = writeln!(out, "</ul></section>");
        }
        for p in &d.intro {
            let _ = writeln!(out, "<p>{}</p>", esc(p));
        }
        if !d.timeline.is_empty() {
            let _ = writeln!(
                out,
                "<figure>{}<figcaption>{}</figcaption></figure>",
                timeline_svg(d, cat, &format!("tl{k}")),
                esc(&cat.get("text.figure_timeline"))
            );
        }
        for s in &d.sections {
            let _ = writeln!(out, "<section>");
            if !s.heading.is_empty() {
                let _ = writeln!(out, "<h2>{}</h2>", esc(&s.heading));
            }
            for p in &s.paragraphs {
                let _ = writeln!(out, "<p>{}</p>", esc(p));
            }
            if !s.items.is_empty() {
                let tag = if s.numbered { "ol" } else { "ul" };
                let _ = writeln!(out, "<{tag}>");
                for i in &s.items {
                    let _ = writeln!(out, "<li>{}</li>", esc(i));
                }
                let _ = writeln!(out, "</{tag}>");
            }
            if let Some(c) = &s.cite {
                let _ = writeln!(out, "<p class=\"cite\">{}</p>", esc(c));
            }
            let _ = writeln!(out, "</section>");
        }
        for p in &d.closing {
            let _ = writeln!(out, "<p>{}</p>", esc(p));
        }
        let _ = writeln!(out, "<footer>{}</footer>\n</article>", esc(&d.footer));
    }
    out.push_str("</body>\n</html>\n");
    out
}

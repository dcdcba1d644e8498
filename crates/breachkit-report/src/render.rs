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

/// Days since the Unix epoch of a timeline point's date (its earliest instant, UTC).
fn day_of(p: &crate::draft::TimelinePoint) -> Option<i64> {
    let t: breachkit_model::PartialTime = p.date.parse().ok()?;
    Some(
        t.resolve(Some(chrono_tz::UTC))?
            .earliest
            .timestamp()
            .div_euclid(86_400),
    )
}

/// Breaks a label into lines of at most `width` columns (a CJK character counts two), at spaces
/// where there are any.
fn wrap(label: &str, width: usize) -> Vec<String> {
    let cols = |c: char| -> usize { if c.is_ascii() { 1 } else { 2 } };
    let mut lines = Vec::new();
    let mut cur = String::new();
    let mut n: usize = 0;
    for word in label.split_inclusive(' ') {
        let w: usize = word.chars().map(cols).fold(0, usize::saturating_add);
        if n.saturating_add(w) > width && !cur.is_empty() {
            lines.push(cur.trim_end().to_owned());
            cur.clear();
            n = 0;
        }
        if w > width {
            // A long run without spaces (Japanese): break by columns.
            for ch in word.chars() {
                if n.saturating_add(cols(ch)) > width {
                    lines.push(std::mem::take(&mut cur));
                    n = 0;
                }
                cur.push(ch);
                n = n.saturating_add(cols(ch));
            }
        } else {
            cur.push_str(word);
            n = n.saturating_add(w);
        }
    }
    if !cur.trim().is_empty() {
        lines.push(cur.trim_end().to_owned());
    }
    lines
}

/// Inline, accessible SVG of the dated timeline points: the space between points grows with the
/// time between them (logarithmically, so that a year and a day both fit), a gap of more than a
/// month is drawn dashed with its length, labels wrap, and the figure scales to its container.
pub fn timeline_svg(d: &Draft, cat: &Catalogue, id: &str) -> String {
    // Narrow enough to stay legible when a phone scales it down; the date sits above its label.
    const W: usize = 440;
    const LINE: usize = 18;
    const COLS: usize = 44;
    let x = 14;
    const TEXT_X: usize = 30;
    let mut s = String::new();
    let title = cat.get("text.figure_timeline");
    let desc: Vec<String> = d
        .timeline
        .iter()
        .map(|p| {
            cat.fill(
                "text.label_value",
                &[("label", &p.label_date), ("value", &p.label)],
            )
        })
        .collect();
    // Layout: y of each point, with the gap before it.
    let mut ys: Vec<usize> = Vec::new();
    let mut gaps: Vec<(usize, usize, i64)> = Vec::new();
    // Sizes grow with the input (points, label lines, days between dates): saturating, never
    // wrapping or panicking, whatever the incident holds.
    let label_height = |lines: usize| lines.saturating_add(1).saturating_mul(LINE);
    let mut y: usize = 24;
    let mut prev_day: Option<i64> = None;
    let mut prev_lines: usize = 1;
    for p in &d.timeline {
        let day = day_of(p);
        if let (Some(a), Some(b)) = (prev_day, day) {
            let days = b.saturating_sub(a).max(0);
            // At least the previous label's height; more as time passes.
            let extra = ((days as f64 + 1.0).ln() * 14.0) as usize;
            let step = label_height(prev_lines)
                .saturating_add(10)
                .max(extra.saturating_add(30));
            if days > 31 {
                gaps.push((y, y.saturating_add(step), days));
            }
            y = y.saturating_add(step);
        } else if !ys.is_empty() {
            y = y
                .saturating_add(label_height(prev_lines))
                .saturating_add(10);
        }
        ys.push(y);
        prev_day = day.or(prev_day);
        prev_lines = wrap(&p.label, COLS).len().max(1);
    }
    let height = y
        .saturating_add(label_height(prev_lines))
        .saturating_add(12);
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{id}-t {id}-d" viewBox="0 0 {W} {height}" width="100%" preserveAspectRatio="xMinYMin meet" class="timeline"><title id="{id}-t">{}</title><desc id="{id}-d">{}</desc>"#,
        esc(&title),
        esc(&desc.join("; "))
    );
    if let (Some(first), Some(last)) = (ys.first(), ys.last()) {
        let _ = write!(
            s,
            r##"<line x1="{x}" y1="{}" x2="{x}" y2="{}" stroke="#555" stroke-width="2"/>"##,
            first.saturating_sub(8),
            last.saturating_add(8)
        );
    }
    for (a, b, days) in &gaps {
        // A long gap: the line is dashed over a white gap, with its length in days.
        let _ = write!(
            s,
            r##"<line x1="{x}" y1="{}" x2="{x}" y2="{}" stroke="#fff" stroke-width="4"/><line x1="{x}" y1="{}" x2="{x}" y2="{}" stroke="#555" stroke-width="2" stroke-dasharray="3 4"/><text x="{}" y="{}" font-size="13" font-style="italic" fill="#555">{}</text>"##,
            a.saturating_add(10),
            b.saturating_sub(10),
            a.saturating_add(10),
            b.saturating_sub(10),
            TEXT_X,
            b.saturating_sub(14),
            esc(&cat.fill("text.timeline_gap", &[("days", &days.to_string())]))
        );
    }
    for (p, y) in d.timeline.iter().zip(&ys) {
        let _ = write!(
            s,
            r##"<circle cx="{x}" cy="{y}" r="6" fill="#1f5fa8"/><text x="{}" y="{}" font-size="15" font-weight="bold">{}</text><text x="{}" y="{}" font-size="15">"##,
            TEXT_X,
            y.saturating_add(5),
            esc(&p.label_date),
            TEXT_X,
            y.saturating_add(5),
        );
        for line in wrap(&p.label, COLS) {
            let _ = write!(
                s,
                r#"<tspan x="{}" dy="{LINE}">{}</tspan>"#,
                TEXT_X,
                esc(&line)
            );
        }
        s.push_str("</text>");
    }
    s.push_str("</svg>");
    s
}

const CSS: &str = "body{font-family:system-ui,-apple-system,'Hiragino Sans','Noto Sans CJK JP',sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.6;color:#111}h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:1.6rem;border-bottom:1px solid #ccc}.cite{color:#555;font-size:.85rem}.warn{border:2px solid #b00020;padding:.5rem 1rem;background:#fff4f4}.note{border:1px solid #999;padding:.5rem 1rem;background:#f6f6f6}figure{margin:1.5rem 0}svg.timeline{max-width:100%;height:auto;display:block}footer{margin-top:2rem;color:#555;font-size:.85rem}article+article{break-before:page;margin-top:3rem}@media print{body{margin:0;max-width:none;font-size:10.5pt}a{color:inherit}h1,h2{break-after:avoid}section,figure,li{break-inside:avoid}.warn,.note{background:none}footer{position:static}@page{margin:18mm 16mm}}@media (max-width:480px){body{margin:1rem auto;font-size:15px}h1{font-size:1.25rem}}";

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

//! The page tree (ISO 32000-1 §7.7.3): pages in order, with the attributes they inherit
//! (`/Resources`, `/MediaBox`, `/Rotate`). Cycles are cut (a node is visited once) and the
//! number of pages is limited ([`PDF_MAX_PAGES`]).

use std::collections::HashSet;

use super::PdfError;
use super::file::{File, Step, Stop};
use super::lexer::{Dict, Object};
use super::limits::{PDF_MAX_DEPTH, PDF_MAX_PAGES};

/// A page with its inherited attributes resolved.
#[derive(Clone, Debug)]
pub struct Page {
    pub dict: Dict,
    pub resources: Dict,
    /// Rotation clockwise in degrees: 0, 90, 180 or 270.
    pub rotate: i64,
    pub media_box: [f64; 4],
}

/// The pages of the document. A node not inflated yet (in an object stream) makes the
/// whole walk pending, after every other node has been visited, so all the object
/// streams it needs are asked for in one round.
pub fn pages(file: &mut File) -> Step<Vec<Page>> {
    let root = file.trailer.get(b"Root").cloned().ok_or(Stop::Fatal(PdfError::Corrupt))?;
    let catalog = file.resolve_dict(&root)?.ok_or(Stop::Fatal(PdfError::Corrupt))?;
    let top = catalog.get(b"Pages").cloned().ok_or(Stop::Fatal(PdfError::Corrupt))?;
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    let mut pending = false;
    let inherited = Inherited { resources: None, rotate: 0, media_box: [0.0, 0.0, 612.0, 792.0] };
    walk(file, &top, &inherited, 0, &mut seen, &mut out, &mut pending)?;
    if pending {
        return Err(Stop::Pending);
    }
    Ok(out)
}

#[derive(Clone)]
struct Inherited {
    resources: Option<Object>,
    rotate: i64,
    media_box: [f64; 4],
}

fn walk(
    file: &mut File,
    node: &Object,
    inherited: &Inherited,
    depth: usize,
    seen: &mut HashSet<u32>,
    out: &mut Vec<Page>,
    pending: &mut bool,
) -> Step<()> {
    if depth > PDF_MAX_DEPTH {
        return Ok(());
    }
    if let Object::Ref(num, _) = node
        && !seen.insert(*num)
    {
        return Ok(());
    }
    let dict = match file.resolve_dict(node) {
        Ok(Some(d)) => d,
        Ok(None) => return Ok(()),
        Err(Stop::Pending) => {
            *pending = true;
            return Ok(());
        }
        Err(e) => return Err(e),
    };
    let mut here = inherited.clone();
    if let Some(r) = dict.get(b"Resources") {
        here.resources = Some(r.clone());
    }
    if let Some(r) = dict.get(b"Rotate") {
        here.rotate = file.resolve_object(r)?.as_int().unwrap_or(0).rem_euclid(360) / 90 * 90;
    }
    if let Some(b) = dict.get(b"MediaBox")
        && let Object::Array(a) = file.resolve_object(b)?
        && a.len() == 4
    {
        let v: Vec<f64> = a.iter().map(|o| o.as_f64().unwrap_or(0.0)).collect();
        here.media_box = [v[0].min(v[2]), v[1].min(v[3]), v[0].max(v[2]), v[1].max(v[3])];
    }
    let kids = match dict.get(b"Kids") {
        Some(k) => Some(file.resolve_object(k)?),
        None => None,
    };
    let is_page = dict.name(b"Type") == Some(b"Page") || (kids.is_none() && dict.get(b"Contents").is_some());
    if is_page {
        if out.len() >= PDF_MAX_PAGES {
            return Err(Stop::Fatal(PdfError::TooManyPages));
        }
        let resources = match &here.resources {
            Some(r) => match file.resolve_dict(r) {
                Ok(d) => d.unwrap_or_default(),
                Err(Stop::Pending) => {
                    *pending = true;
                    Dict::default()
                }
                Err(e) => return Err(e),
            },
            None => Dict::default(),
        };
        out.push(Page { dict, resources, rotate: here.rotate, media_box: here.media_box });
        return Ok(());
    }
    if let Some(Object::Array(kids)) = kids {
        for kid in &kids {
            walk(file, kid, &here, depth + 1, seen, out, pending)?;
        }
    }
    Ok(())
}

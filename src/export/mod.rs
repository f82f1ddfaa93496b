//! Renderings of a checked report: JSON, CSV and text.

pub mod text;

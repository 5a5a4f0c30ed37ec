//! Integration tests: drive the real `trellis` binary on fixture sites.
//!
//! Each test copies a fixture from `tests/fixtures/` into its own folder, changes what it
//! needs, runs the binary and checks the exit code, the exact diagnostics and the output.

mod checker;
mod support;

mod a11y;
mod build;
mod catalog;
mod catalog_checks;
mod catalog_diagnostics;
mod check_new;
mod diagnostics;
mod districts;
mod exports;
mod facet_data;
mod failed_build;
mod hardening;
mod incremental;
mod insights;
mod languages;
mod languages_render;
mod menus;
mod names;
mod output_dir;
mod portable;
mod round_trip;
mod serve;
mod sheets;
mod sitemap;
mod snapshots;
mod source_shape;
mod strings;
mod threads;
mod workbook;

//! `trellis init`: a small site that builds, to start from.

use std::io::Write;
use std::path::Path;

use crate::diagnostics::Error;
use crate::output::{check_destination, Purpose};

const FILES: &[(&str, &str)] = &[
    (
        "content/site.toml",
        r#"title = "Our Work-Based Learning Network"
base_url = "https://wbl.example.org"
description = "Guides and opportunities for students, schools and employers"
language = "en"
theme = "default"
minimum_wage = 16.50
# today = 2027-03-01   # fix the build date for reproducible output
"#,
    ),
    (
        "content/toolkits/hosting-students/_index.md",
        r#"+++
title = "Hosting Students"
summary = "A short guide for employers who want to host a student"

[toolkit]
audience = ["employers"]

[toolkit.district_defaults]
name = "your school district"
contacts.wbl_coordinator = { name = "your district's work-based learning coordinator" }
+++
This guide walks an employer through hosting a student, from the first conversation to
the last day. Start with [why host](01-why-host.md), or contact
{{ district.contacts.wbl_coordinator.name }} at {{ district.name }}.
"#,
    ),
    (
        "content/toolkits/hosting-students/01-why-host.md",
        r#"+++
title = "Why host a student"
summary = "What employers and students gain"
+++
## What you gain

Students bring fresh eyes to your work, and hosting builds the people you will hire later.

## What the student gains

A real task, a supervisor who explains the work, and a reason for what they learn in class.

Next: [getting ready](02-getting-ready.md).
"#,
    ),
    (
        "content/toolkits/hosting-students/02-getting-ready.md",
        r#"+++
title = "Getting ready"
summary = "What to prepare before the first day"
audience = ["employers", "educators"]
+++
## A checklist

- [ ] Choose a supervisor
- [ ] Describe three to five tasks
- [ ] Sign the worksite agreement
- [ ] Plan a safety orientation

See also [the first day](03-first-day.md#the-first-hour).
"#,
    ),
    (
        "content/toolkits/hosting-students/03-first-day.md",
        r#"+++
title = "The first day"
summary = "Welcoming a student well"
+++
## The first hour

Meet the student at the door, show them where things are, and introduce the team.

## The rest of the day

Start the first task together and check in before they leave.
"#,
    ),
    (
        "content/pages/about.md",
        r#"+++
title = "About"
summary = "Who publishes this site"
+++
This site is published by our regional work-based learning network. It makes no request
to any other website and sets no cookies.
"#,
    ),
];

/// Writes the starter site into `dir`, which must be a new or empty folder that no refusal
/// of the output folder applies to. Returns how many files it wrote.
pub fn scaffold(dir: &Path) -> Result<usize, Error> {
    let destination = check_destination(dir, Purpose::NewSite)?;
    let files = FILES.iter().copied().chain([(".gitignore", "/public/\n")]);
    let mut count = 0;
    for (rel, text) in files {
        let full = destination.real.join(rel);
        if let Some(parent) = full.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(destination.show(rel), e))?;
        }
        // A file that appeared since the check is never overwritten, nor a link followed.
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&full)
            .map_err(|e| Error::io(destination.show(rel), e))?;
        file.write_all(text.as_bytes())
            .map_err(|e| Error::io(destination.show(rel), e))?;
        count += 1;
    }
    Ok(count)
}

//! Hardening: placeholders.

#[allow(unused_imports)]
use crate::support::*;

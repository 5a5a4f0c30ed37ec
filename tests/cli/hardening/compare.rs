//! Hardening: compare.

#[allow(unused_imports)]
use crate::support::*;

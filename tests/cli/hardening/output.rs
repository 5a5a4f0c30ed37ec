//! Hardening: output.

#[allow(unused_imports)]
use crate::support::*;

//! Hardening: loading.

#[allow(unused_imports)]
use crate::support::*;

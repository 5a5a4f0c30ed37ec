//! Regression tests for the hardening of the build against hostile and clumsy input: each
//! test is named after what it protects.

mod commands;
mod compare;
mod loading;
mod numbers;
mod output;
mod placeholders;
mod serve;
mod text;

//! Placeholder: the helper writes this module.

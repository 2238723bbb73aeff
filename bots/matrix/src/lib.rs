//! Passerelle on Matrix.

//! Differential test against zhlint's own test cases (see shared/peer/README.md).

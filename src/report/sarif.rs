//! Placeholder: the SARIF reporter is being written.

use super::{FileReport, Reporter, RuleInfo, Summary};
use std::io::{self, Write};

pub struct Sarif;

impl Sarif {
    pub fn new(_rules: &[RuleInfo]) -> Self {
        Sarif
    }
}

impl Reporter for Sarif {
    fn file(&mut self, _out: &mut dyn Write, _report: &FileReport<'_>) -> io::Result<()> {
        Ok(())
    }
    fn finish(&mut self, _out: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        Ok(())
    }
}

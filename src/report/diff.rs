//! Placeholder: the diff reporter is being written.

use super::{FileReport, ReportOptions, Reporter, Summary};
use std::io::{self, Write};

pub struct Diff;

impl Diff {
    pub fn new(_options: &ReportOptions) -> Self {
        Diff
    }
}

impl Reporter for Diff {
    fn file(&mut self, _out: &mut dyn Write, _report: &FileReport<'_>) -> io::Result<()> {
        Ok(())
    }
    fn finish(&mut self, _out: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        Ok(())
    }
}

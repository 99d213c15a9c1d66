//! Placeholder: the human reporter is being written.

use super::{FileReport, ReportOptions, Reporter, Summary};
use std::io::{self, Write};

pub struct Human;

impl Human {
    pub fn new(_options: &ReportOptions) -> Self {
        Human
    }
}

impl Reporter for Human {
    fn file(&mut self, _out: &mut dyn Write, _report: &FileReport<'_>) -> io::Result<()> {
        Ok(())
    }
    fn finish(&mut self, _out: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        Ok(())
    }
}

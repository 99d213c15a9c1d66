//! Placeholder: the json reporter is being written.

use super::{FileReport, ReportOptions, Reporter, Summary};
use std::io::{self, Write};

pub struct Json;

impl Json {
    pub fn new(_options: &ReportOptions) -> Self {
        Json
    }
}

impl Reporter for Json {
    fn file(&mut self, _out: &mut dyn Write, _report: &FileReport<'_>) -> io::Result<()> {
        Ok(())
    }
    fn finish(&mut self, _out: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        Ok(())
    }
}

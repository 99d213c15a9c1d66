//! Placeholder: the GitHub reporter is being written.

use super::{FileReport, Reporter, Summary};
use std::io::{self, Write};

#[derive(Default)]
pub struct Github;

impl Github {
    pub fn new() -> Self {
        Github
    }
}

impl Reporter for Github {
    fn file(&mut self, _out: &mut dyn Write, _report: &FileReport<'_>) -> io::Result<()> {
        Ok(())
    }
    fn finish(&mut self, _out: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        Ok(())
    }
}

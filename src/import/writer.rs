//! The writing side of an import: parsed contacts go to the store's bulk sink, and every
//! problem is collected with its line.

use super::problem::{Problem, ProblemCode, RowError};
use super::row::Parsed;
use super::{ImportSummary, MAX_REPORTED_ERRORS};
use crate::store::ContactSink;

/// Hands parsed contacts to the sink and collects problems.
pub(crate) struct Writer<'s> {
    sink: &'s mut dyn ContactSink,
    pub summary: ImportSummary,
    pub errors: Vec<RowError>,
    pub total_errors: usize,
}

impl<'s> Writer<'s> {
    pub fn new(sink: &'s mut dyn ContactSink) -> Self {
        Writer {
            sink,
            summary: ImportSummary::default(),
            errors: Vec::new(),
            total_errors: 0,
        }
    }

    fn report(&mut self, line: u64, column: Option<String>, problem: Problem) {
        if self.errors.len() < MAX_REPORTED_ERRORS {
            self.errors.push(problem.at(line, column));
        }
    }

    pub fn accept(&mut self, item: Parsed) {
        match item {
            Parsed::Row { line, contact } => {
                self.summary.read += 1;
                // After the first bad row nothing more is written: it will be rolled back.
                if self.total_errors == 0 {
                    match self.sink.add(&contact) {
                        Ok(()) => {}
                        Err(e) => {
                            self.total_errors += 1;
                            self.report(line, None, Problem::detail(ProblemCode::Database, e));
                        }
                    }
                }
            }
            Parsed::BadRow { line, problems } => {
                self.summary.read += 1;
                self.total_errors += 1;
                for (column, problem) in problems {
                    self.report(line, column, problem);
                }
            }
            Parsed::FileProblem {
                line,
                column,
                problem,
            } => {
                self.total_errors += 1;
                self.report(line, column, problem);
            }
        }
    }
}

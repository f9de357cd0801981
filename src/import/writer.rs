//! The writing side of an import: parsed contacts go to the store's bulk sink, and every
//! problem is collected with its line.

use super::problem::{Problem, ProblemCode, RowError};
use super::row::Parsed;
use super::{ImportSummary, MAX_REPORTED_ERRORS};
use crate::domain::Contact;
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

    /// Takes a batch from the parser in file order: the runs of good rows go to the sink
    /// together (several rows to a statement), problems are reported where they stand.
    /// The batch is left empty of problems; its rows stay for the caller to drop.
    pub fn accept_batch(&mut self, batch: &mut [Parsed]) {
        let mut run: Vec<&Contact> = Vec::new();
        let mut lines: Vec<u64> = Vec::new();
        for item in batch.iter_mut() {
            match item {
                Parsed::Row { line, contact } => {
                    self.summary.read += 1;
                    run.push(contact);
                    lines.push(*line);
                }
                Parsed::BadRow { line, problems } => {
                    self.store_run(&mut run, &mut lines);
                    self.summary.read += 1;
                    self.total_errors += 1;
                    for (column, problem) in problems.drain(..) {
                        self.report(*line, column, problem);
                    }
                }
                Parsed::FileProblem {
                    line,
                    column,
                    problem,
                } => {
                    self.store_run(&mut run, &mut lines);
                    self.total_errors += 1;
                    let problem = std::mem::replace(problem, Problem::new(problem.code, ""));
                    self.report(*line, column.take(), problem);
                }
            }
        }
        self.store_run(&mut run, &mut lines);
    }

    /// Hands a run of good rows to the sink (unless a problem came before them: nothing
    /// more is written then, it will be rolled back).
    fn store_run(&mut self, run: &mut Vec<&Contact>, lines: &mut Vec<u64>) {
        if self.total_errors == 0 && !run.is_empty() {
            if let Err((at, e)) = self.sink.add_many(run) {
                self.total_errors += 1;
                self.report(lines[at], None, Problem::detail(ProblemCode::Database, e));
            }
        }
        run.clear();
        lines.clear();
    }
}

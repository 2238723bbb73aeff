//! A future whose panic is caught and handed back as its text: one event that trips a
//! bug is answered with an apology and set aside, instead of taking its adapter down
//! and, replayed after the restart, taking it down again.

use std::future::Future;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::pin::Pin;
use std::task::{Context, Poll};

/// `future`, run to its end or to its panic.
pub(crate) fn guarded<F: Future>(future: F) -> Guarded<F> {
    Guarded(Box::pin(future))
}

#[derive(Debug)]
pub(crate) struct Guarded<F>(Pin<Box<F>>);

impl<F: Future> Future for Guarded<F> {
    type Output = Result<F::Output, String>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        // Nothing of the future is used after a panic but its text: whatever it held is
        // dropped with it (a transaction rolls back), so unwind safety is not at stake.
        match catch_unwind(AssertUnwindSafe(|| self.0.as_mut().poll(cx))) {
            Ok(Poll::Ready(output)) => Poll::Ready(Ok(output)),
            Ok(Poll::Pending) => Poll::Pending,
            Err(panic) => Poll::Ready(Err(text(panic.as_ref()))),
        }
    }
}

/// What a panic said.
fn text(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|text| (*text).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_panic_comes_back_as_its_text_and_a_result_as_itself() {
        assert_eq!(guarded(async { 7 }).await, Ok(7));
        let broken = guarded(async {
            tokio::task::yield_now().await;
            let index = std::hint::black_box(3);
            [1, 2][index]
        });
        let error = broken.await.unwrap_err();
        assert!(error.contains("index out of bounds"), "{error}");
        let formatted = guarded(async { panic!("broke on {}", "BYDAY=MOԴH") });
        assert_eq!(
            formatted.await,
            Err::<(), _>("broke on BYDAY=MOԴH".to_owned())
        );
    }
}

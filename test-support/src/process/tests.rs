//! The harness's promises: a ready line is found, a dropped process takes its group
//! with it, and a child outlives the thread that asked for it.

use super::*;

/// Whether `pid` is gone: no such process, or a zombie nobody has reaped yet.
fn gone(pid: u32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Err(_) => true,
        Ok(stat) => stat
            .rsplit_once(')')
            .is_some_and(|(_, rest)| rest.trim_start().starts_with('Z')),
    }
}

async fn eventually_gone(pid: u32) -> bool {
    for _ in 0..100 {
        if gone(pid) {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    false
}

fn shell(name: &str, script: &str) -> anyhow::Result<(Process, tempfile::TempDir)> {
    let dir = tempfile::tempdir()?;
    let logs = Logs {
        stdout: dir.path().join("out.log"),
        stderr: dir.path().join("err.log"),
    };
    let mut launch = command("sh");
    launch.args(["-c", script]);
    Ok((Process::start(name, launch, &logs)?, dir))
}

#[tokio::test]
async fn a_dropped_process_takes_its_whole_group_with_it() -> anyhow::Result<()> {
    let (mut sh, _dir) = shell("sh", "sleep 600 & echo child $!; wait")?;
    let child: u32 = sh
        .wait_for_line("child ", Duration::from_secs(10))
        .await?
        .trim()
        .parse()?;
    let leader = sh.id();
    assert!(!gone(child) && !gone(leader));
    drop(sh);
    assert!(eventually_gone(leader).await, "the leader {leader} lives");
    assert!(eventually_gone(child).await, "its child {child} lives");
    Ok(())
}

#[tokio::test]
async fn a_process_that_ends_first_says_how_with_its_stderr() -> anyhow::Result<()> {
    let (mut sh, dir) = shell("the script", "echo nearly; echo 'error: no' >&2; exit 3")?;
    let Err(error) = sh.wait_for_line("ready", Duration::from_secs(10)).await else {
        bail!("a line never printed was found");
    };
    let error = format!("{error:#}");
    assert!(
        error.starts_with("the script ended (exit status: 3) before saying \"ready\""),
        "{error}"
    );
    assert!(error.contains("its stderr:\n  error: no\n"), "{error}");
    let stdout = std::fs::read_to_string(dir.path().join("out.log"))?;
    assert_eq!(stdout, "nearly\n");
    Ok(())
}

#[tokio::test]
async fn stop_is_a_clean_exit_on_sigterm() -> anyhow::Result<()> {
    let (mut sh, _dir) = shell(
        "sh",
        "trap 'exit 0' TERM; echo up; while :; do sleep 0.1; done",
    )?;
    sh.wait_for_line("up", Duration::from_secs(10)).await?;
    sh.stop(Duration::from_secs(10)).await?;
    assert!(sh.exited().is_some_and(|status| status.success()));
    Ok(())
}

#[tokio::test]
async fn a_child_outlives_the_thread_that_started_it() -> anyhow::Result<()> {
    // The death signal follows the thread that forked: were it this short-lived one, the
    // child would be killed as soon as it ends.
    let started = std::thread::spawn(|| shell("sleep", "echo up; exec sleep 600"))
        .join()
        .map_err(|_| anyhow::anyhow!("the thread panicked"))??;
    let (mut sleep, _dir) = started;
    sleep.wait_for_line("up", Duration::from_secs(10)).await?;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        sleep.exited(),
        None,
        "killed with the thread that asked for it"
    );
    Ok(())
}

#[test]
fn output_writes_stdin_and_reads_both_streams() -> anyhow::Result<()> {
    let mut launch = command("sh");
    launch.args(["-c", "cat; echo oops >&2"]);
    let output = output(launch, b"hello\n")?;
    assert!(output.status.success());
    assert_eq!(output.stdout, b"hello\n");
    assert_eq!(output.stderr, b"oops\n");
    Ok(())
}

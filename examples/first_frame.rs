//! Time from exec to the first full frame of a program in a pseudo-terminal (issue #14):
//! the time until its output, fed to a terminal emulator (vt100), shows a non-blank first
//! and last row. Prints one line per run and the median.
//!
//!   cargo run --release --example first_frame -- RUNS PROGRAM ARGS...
//!   cargo run --release --example first_frame -- 10 target/release/defiant --data /tmp/1m.json
//!
//! The program is sent `q` and then killed (by its own id) once the frame is there.

use std::io::{Read, Write};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(runs), Some(program)) = (args.first().and_then(|n| n.parse::<usize>().ok()), args.get(1)) else {
        eprintln!("usage: first_frame RUNS PROGRAM ARGS...");
        std::process::exit(2);
    };
    let mut times = Vec::new();
    for _ in 0..runs {
        let ms = once(program, &args[2..]);
        println!("{ms:.1} ms");
        times.push(ms);
    }
    times.sort_by(f64::total_cmp);
    println!("median {:.1} ms of {runs}", times[times.len() / 2]);
}

fn once(program: &str, args: &[String]) -> f64 {
    let (rows, cols) = (40, 120);
    let pair = native_pty_system().openpty(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }).expect("openpty");
    let mut cmd = CommandBuilder::new(program);
    cmd.args(args);
    cmd.env("TERM", "xterm-256color");
    let mut reader = pair.master.try_clone_reader().expect("reader");
    let mut writer = pair.master.take_writer().expect("writer");
    let started = Instant::now();
    let mut child = pair.slave.spawn_command(cmd).expect("spawn");
    drop(pair.slave);
    let nz = |n: u16| std::num::NonZeroU16::new(n).expect("non-zero size");
    let mut parser = vt100::Parser::new(nz(rows), nz(cols), 0);
    let mut buf = [0u8; 65536];
    let elapsed = loop {
        let n = reader.read(&mut buf).expect("read");
        if n == 0 {
            panic!("the program ended before a full frame");
        }
        parser.process(&buf[..n]);
        let screen = parser.screen();
        let row = |r: u16| screen.contents_between(r, 0, r, cols);
        if !row(0).trim().is_empty() && !row(rows - 1).trim().is_empty() {
            break started.elapsed();
        }
        // fzf answers a cursor position query before drawing.
        if buf[..n].windows(4).any(|w| w == b"\x1b[6n") {
            let _ = writer.write_all(b"\x1b[1;1R");
        }
    };
    let _ = writer.write_all(b"q");
    std::thread::sleep(Duration::from_millis(50));
    let _ = child.kill();
    let _ = child.wait();
    elapsed.as_secs_f64() * 1000.0
}

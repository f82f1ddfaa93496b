//! A tiny static file server for the end-to-end tests: serves dist/ under a sub-path on
//! 127.0.0.1 and records every request, so tests can prove the page fetches nothing after
//! it has loaded.

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;

/// The sub-path dist/ is served under: the app must work anywhere, not only at `/`.
pub const PREFIX: &str = "/intranet/tools/nianbao/";

/// How the server misbehaves, to test how the page copes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Quirk {
    /// Serves every file as it is, `.wasm` as `application/wasm`.
    None,
    /// Sends `.wasm` as `application/octet-stream`, as some intranet servers do.
    GenericWasmMime,
    /// Sends a `.wasm` the engine rejects when compiling it, as an engine below the floor
    /// rejects a module that uses features it lacks.
    UncompilableWasm,
    /// Answers 404 for the JS glue, so the page's module script never runs at all.
    MissingGlue,
    /// Answers 404 for the `.wasm` with an error page, as IIS does for an extension it has
    /// no MIME type for (older IIS has none for `.wasm`).
    MissingWasm,
    /// Answers 403 for the `.wasm`, as a server that may not read the file does.
    ForbiddenWasm,
    /// Answers 200 for the `.wasm` with a web page in its place (a login or error page).
    WasmAsWebPage,
    /// Answers for the page's second module (`nianbao_lazy.wasm`) only after three seconds,
    /// as a slow network does, so that what the page shows while it loads can be seen.
    SlowSecondModule,
    /// Answers 404 for the page's second module (`nianbao_lazy.wasm`) alone, as a server
    /// where only `index.html`, the glue and the first module were copied.
    MissingSecondModule,
}

impl Quirk {
    /// What a misconfigured server answers for the `.wasm` instead of the file, if it does.
    fn wasm_answer(self) -> Option<Vec<u8>> {
        let (status, page) = match self {
            Quirk::MissingWasm => (
                "404 Not Found",
                "<html><body><h1>HTTP 错误 404.3 - Not Found</h1><p>由于扩展配置问题而无法提供您请求的页面。</p></body></html>",
            ),
            Quirk::ForbiddenWasm => ("403 Forbidden", "<html><body><h1>403 - 禁止访问: 访问被拒绝。</h1></body></html>"),
            Quirk::WasmAsWebPage => ("200 OK", "<html><body><h1>统一身份认证</h1><p>请登录后访问。</p></body></html>"),
            _ => return None,
        };
        let head = format!(
            "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            page.len()
        );
        Some([head.as_bytes(), page.as_bytes()].concat())
    }
}

pub struct StaticServer {
    addr: SocketAddr,
    log: Arc<Mutex<Vec<String>>>,
    stop: Arc<AtomicBool>,
}

impl StaticServer {
    /// Serves `root` under [`PREFIX`].
    pub fn start(root: &Path, quirk: Quirk) -> StaticServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let addr = listener.local_addr().unwrap();
        let log = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let root = root.to_path_buf();
        let (log2, stop2) = (log.clone(), stop.clone());
        thread::spawn(move || {
            for stream in listener.incoming() {
                if stop2.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let (root, log) = (root.clone(), log2.clone());
                thread::spawn(move || serve(stream, &root, quirk, &log));
            }
        });
        StaticServer { addr, log, stop }
    }

    /// The URL of `path` under the served sub-path (`""` for the directory itself).
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{PREFIX}{path}", self.addr)
    }

    /// Every request path so far, in order.
    pub fn requests(&self) -> Vec<String> {
        self.log.lock().unwrap().clone()
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect(self.addr);
    }
}

fn serve(mut stream: TcpStream, root: &Path, quirk: Quirk, log: &Mutex<Vec<String>>) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() || request_line.is_empty() {
        return; // the wake-up connection of Drop, or a client that went away
    }
    // Skip the headers.
    let mut line = String::new();
    while reader.read_line(&mut line).map(|n| n > 2).unwrap_or(false) {
        line.clear();
    }
    let path = request_line.split_whitespace().nth(1).unwrap_or("/").to_string();
    log.lock().unwrap().push(path.clone());
    if quirk == Quirk::SlowSecondModule && path.ends_with("nianbao_lazy.wasm") {
        thread::sleep(std::time::Duration::from_secs(3));
    }
    if quirk == Quirk::MissingSecondModule && path.ends_with("nianbao_lazy.wasm") {
        let _ = stream.write_all(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        return;
    }

    let file = resolve(root, &path);
    let extension = file.as_ref().and_then(|f| f.extension()).and_then(|e| e.to_str()).unwrap_or("");
    if let Some(answer) = quirk.wasm_answer().filter(|_| extension == "wasm") {
        let _ = stream.write_all(&answer);
        return;
    }
    let body = match (quirk, extension) {
        (Quirk::MissingGlue, "js") => None,
        _ => file.as_ref().and_then(|f| std::fs::read(f).ok()),
    };
    let response = match body {
        Some(mut body) => {
            let mime = match (extension, quirk) {
                ("html", _) => "text/html; charset=utf-8",
                ("js", _) => "text/javascript; charset=utf-8",
                ("css", _) => "text/css; charset=utf-8",
                ("wasm", Quirk::GenericWasmMime) => "application/octet-stream",
                ("wasm", _) => "application/wasm",
                _ => "application/octet-stream",
            };
            if (quirk, extension) == (Quirk::UncompilableWasm, "wasm") {
                // An unknown binary format version: WebAssembly.instantiate rejects the module.
                body[4..8].copy_from_slice(&[0xff; 4]);
            }
            let mut head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: {mime}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
                body.len()
            )
            .into_bytes();
            head.extend(body);
            head
        }
        None => b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_vec(),
    };
    let _ = stream.write_all(&response);
}

/// The file a request path names, if it lies under [`PREFIX`] and inside `root`.
fn resolve(root: &Path, path: &str) -> Option<PathBuf> {
    let path = path.split(['?', '#']).next()?;
    let rest = path.strip_prefix(PREFIX)?;
    if rest.split('/').any(|part| part == ".." || part.starts_with('.')) {
        return None;
    }
    let rest = if rest.is_empty() { "index.html" } else { rest };
    Some(root.join(rest))
}

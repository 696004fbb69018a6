//! Photos on S3-compatible object storage, against a real S3 server on loopback
//! (`s3s-fs`, which checks request signatures and create-only writes): two nodes on one
//! PostgreSQL database and one bucket, with no shared folder, serve each other's photos.

use crate::common::{OWNER_EMAIL, OWNER_PASSWORD, ScratchPg, TestApp};
use app::domain::location::Role;
use object_store::aws::AmazonS3Builder;
use server::media::MediaStore;
use std::process::{Child, Command, Stdio};

const KEY: &str = "nahbar-test-key";
const SECRET: &str = "nahbar-test-secret-0123456789";

/// `s3s-fs` serving a fresh folder on a free port; killed on drop.
struct S3Server {
    child: Child,
    root: tempfile::TempDir,
    endpoint: String,
}

impl Drop for S3Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn s3_server(bucket: &str) -> S3Server {
    let root = tempfile::tempdir().expect("dir");
    // s3s-fs keeps each bucket as a folder of its root.
    std::fs::create_dir(root.path().join(bucket)).expect("bucket");
    let port =
        std::net::TcpListener::bind("127.0.0.1:0").expect("port").local_addr().expect("a").port();
    let child = Command::new("s3s-fs")
        .args(["--host", "127.0.0.1", "--port", &port.to_string()])
        .args(["--access-key", KEY, "--secret-key", SECRET])
        .arg(root.path())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("s3s-fs installed (.ci/install-tools.sh)");
    let endpoint = format!("http://127.0.0.1:{port}");
    for _ in 0..200 {
        if tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_ok() {
            return S3Server { child, root, endpoint };
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    panic!("s3s-fs did not start on {endpoint}");
}

fn bucket(server: &S3Server, secret: &str) -> MediaStore {
    let builder = AmazonS3Builder::new()
        .with_endpoint(&server.endpoint)
        .with_allow_http(true)
        .with_region("us-east-1")
        .with_access_key_id(KEY)
        .with_secret_access_key(secret);
    MediaStore::bucket("s3://nahbar/photos", builder).expect("bucket")
}

fn jpeg(width: u32, height: u32) -> Vec<u8> {
    let image = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 251) as u8, (y % 241) as u8, 90])
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
        .encode(image.as_raw(), width, height, image::ExtendedColorType::Rgb8)
        .expect("jpeg");
    out
}

async fn upload(app: &TestApp, bytes: Vec<u8>) -> reqwest::Response {
    let csrf = app.csrf_token().await;
    let form = reqwest::multipart::Form::new()
        .part("photo", reqwest::multipart::Part::bytes(bytes).file_name("laden.jpg"));
    app.client
        .post(app.url("/admin/media"))
        .header("x-csrf-token", csrf)
        .multipart(form)
        .send()
        .await
        .expect("upload")
}

/// Every file under `dir`, recursively (names only).
fn files(dir: &std::path::Path) -> Vec<String> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        if entry.path().is_dir() {
            found.extend(files(&entry.path()));
        } else {
            found.push(entry.file_name().to_string_lossy().into_owned());
        }
    }
    found
}

#[tokio::test]
async fn two_nodes_share_photos_through_one_bucket_and_no_folder() {
    let Some(pg) = ScratchPg::create("object_storage").await else { return };
    let s3 = s3_server("nahbar").await;
    let clock = app::clock::Clock::system();
    let dir_one = tempfile::tempdir().expect("dir");
    let dir_two = tempfile::tempdir().expect("dir");
    let (path_one, path_two) = (dir_one.path().to_path_buf(), dir_two.path().to_path_buf());
    // Node one fills the database with the demo business, whose photo goes to the bucket.
    let one =
        TestApp::serve_with_media(dir_one, &pg.url, true, clock.clone(), bucket(&s3, SECRET)).await;
    let two = TestApp::serve_with_media(dir_two, &pg.url, false, clock, bucket(&s3, SECRET)).await;
    one.create_user(OWNER_EMAIL, OWNER_PASSWORD, 1, Role::Owner).await;
    two.login_owner().await;
    one.login_owner().await;

    let demo = one.store.published_posts(2, 10).await.expect("posts");
    let demo_photo = demo.iter().flat_map(|p| p.photos.iter()).next().expect("a demo photo");
    let name = format!("{}-{}.webp", demo_photo.hash, demo_photo.widths[0]);
    let served = two.get(&format!("/media/{name}")).await;
    assert_eq!(served.status(), 200, "node two serves node one's photo");
    assert_eq!(served.headers()["content-type"], "image/webp");
    assert!(served.headers()["cache-control"].to_str().expect("ascii").contains("immutable"));

    // An upload on node two is in the bucket (under the prefix) and on node one.
    let response = upload(&two, jpeg(640, 480)).await;
    assert_eq!(response.status(), 201);
    let photo: serde_json::Value = response.json().await.expect("json");
    let hash = photo["hash"].as_str().expect("hash").to_string();
    let width = photo["widths"][0].as_u64().expect("width");
    let name = format!("{hash}-{width}.jpg");
    let stored =
        std::fs::read(s3.root.path().join("nahbar/photos").join(&name)).expect("in the bucket");
    let from_one = one.get(&format!("/media/{name}")).await;
    assert_eq!(from_one.status(), 200);
    assert_eq!(from_one.headers()["content-type"], "image/jpeg");
    assert_eq!(from_one.bytes().await.expect("body").to_vec(), stored, "the same bytes");
    // Neither node wrote a photo into its own folder.
    assert!(
        files(&path_one)
            .iter()
            .chain(files(&path_two).iter())
            .all(|f| !f.ends_with(".webp") && !f.ends_with(".jpg"))
    );

    // The same photo again is the same photo: a create-only write that finds it there is fine.
    let again = upload(&one, jpeg(640, 480)).await;
    assert_eq!(again.status(), 201);
    let processed = std::sync::Arc::new(server::media::process(&jpeg(320, 240)).expect("jpeg"));
    let media = bucket(&s3, SECRET);
    media.put(processed.clone()).await.expect("first write");
    media.put(processed.clone()).await.expect("a second write of the same photo is no error");

    // Only rendition names are looked up; anything else of the bucket is not reachable.
    assert_eq!(one.get("/media/..%2Fsecret.txt").await.status(), 404);
    assert_eq!(one.get(&format!("/media/{hash}-1.jpg")).await.status(), 404);

    // Wrong keys: the S3 server refuses the signature, the upload fails loudly (no photo
    // remembered that is not stored), and the next correct upload works.
    let wrong = bucket(&s3, "not-the-secret");
    assert!(
        wrong
            .put(std::sync::Arc::new(server::media::process(&jpeg(300, 200)).expect("jpeg")))
            .await
            .is_err()
    );
    drop((one, two));
    pg.drop_database().await;
}

//! Build script: with the `capi` feature, regenerates the C header
//! `include/artnorm.h` from `src/ffi` with cbindgen (pinned in Cargo.toml,
//! since point releases change the output). The header is written to
//! `OUT_DIR` and copied to `include/` only when its bytes differ, so a build
//! never touches a current header; nothing is generated on docs.rs. Without
//! `capi` this script does nothing and cbindgen is not compiled.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!("cargo:rerun-if-changed=build.rs");
    #[cfg(feature = "capi")]
    header::generate()?;
    Ok(())
}

#[cfg(feature = "capi")]
mod header {
    use std::env;
    use std::error::Error;
    use std::fs;
    use std::path::PathBuf;

    pub fn generate() -> Result<(), Box<dyn Error>> {
        println!("cargo:rerun-if-changed=cbindgen.toml");
        println!("cargo:rerun-if-changed=src");
        println!("cargo:rerun-if-changed=include/artnorm.h");
        println!("cargo:rerun-if-env-changed=DOCS_RS");
        if env::var_os("DOCS_RS").is_some() {
            return Ok(());
        }
        let crate_dir = PathBuf::from(env::var("CARGO_MANIFEST_DIR")?);
        let mut config = cbindgen::Config::from_file(crate_dir.join("cbindgen.toml"))
            .map_err(|e| format!("reading cbindgen.toml: {e}"))?;
        config.after_includes = Some(version_macros()?);
        let generated = PathBuf::from(env::var("OUT_DIR")?).join("artnorm.h");
        cbindgen::Builder::new()
            .with_crate(&crate_dir)
            .with_config(config)
            .generate()?
            .write_to_file(&generated);
        let fresh = fs::read(&generated)?;
        let committed = crate_dir.join("include").join("artnorm.h");
        if fs::read(&committed).ok().as_deref() != Some(&fresh[..]) {
            fs::create_dir_all(crate_dir.join("include"))?;
            fs::write(&committed, &fresh)?;
        }
        Ok(())
    }

    /// `ARTNORM_VERSION_*` from the crate version, so they cannot drift.
    fn version_macros() -> Result<String, Box<dyn Error>> {
        let major = env::var("CARGO_PKG_VERSION_MAJOR")?;
        let minor = env::var("CARGO_PKG_VERSION_MINOR")?;
        let patch = env::var("CARGO_PKG_VERSION_PATCH")?;
        let version = env::var("CARGO_PKG_VERSION")?;
        Ok(format!(
            "/** Version of this header, from the crate version (`artnorm_version()` gives the library's). */\n\
             #define ARTNORM_VERSION \"{version}\"\n\
             #define ARTNORM_VERSION_MAJOR {major}\n\
             #define ARTNORM_VERSION_MINOR {minor}\n\
             #define ARTNORM_VERSION_PATCH {patch}"
        ))
    }
}

//! A profiles file: one [`SiteProfile`] per site, as `profile learn`
//! writes it, `profile merge` adds up, and `--profile` reads.

use std::collections::BTreeMap;
use std::path::Path;

use deboiler::SiteProfile;
use serde::{Deserialize, Serialize};

/// The version of the profiles file's layout.
const VERSION: u32 = 1;

/// Profiles by site ([`SiteProfile::site_of`] a page's URL).
#[derive(Debug, Serialize, Deserialize)]
pub struct SiteProfiles {
    version: u32,
    sites: BTreeMap<String, SiteProfile>,
}

impl Default for SiteProfiles {
    fn default() -> Self {
        SiteProfiles {
            version: VERSION,
            sites: BTreeMap::new(),
        }
    }
}

impl SiteProfiles {
    /// Reads a profiles file.
    pub fn load(path: &Path) -> Result<SiteProfiles, String> {
        let at = path.display();
        let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {at}: {e}"))?;
        let profiles: SiteProfiles =
            serde_json::from_str(&text).map_err(|e| format!("{at}: not a profiles file: {e}"))?;
        if profiles.version != VERSION {
            return Err(format!(
                "{at}: profiles file version {} (this deboiler reads version {VERSION})",
                profiles.version
            ));
        }
        Ok(profiles)
    }

    /// Writes the profiles to `path`.
    pub fn save(&self, path: &Path) -> Result<(), String> {
        let file = std::fs::File::create(path)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        serde_json::to_writer(std::io::BufWriter::new(file), self)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))
    }

    /// The profile of the site `url` is on, if there is one.
    pub fn for_url(&self, url: &str) -> Option<&SiteProfile> {
        self.sites.get(&SiteProfile::site_of(url)?)
    }

    /// The profile of the only site there is, if there is only one.
    pub fn only(&self) -> Option<&SiteProfile> {
        match self.sites.values().collect::<Vec<_>>()[..] {
            [only] => Some(only),
            _ => None,
        }
    }

    /// Adds `profile` to the profile of `site`.
    pub fn merge_site(&mut self, site: String, profile: &SiteProfile) {
        self.sites.entry(site).or_default().merge(profile);
    }

    /// Adds every site's profile of `other` to this one's.
    pub fn merge(&mut self, other: SiteProfiles) {
        for (site, profile) in other.sites {
            self.merge_site(site, &profile);
        }
    }

    /// The number of sites and the pages learned in all.
    pub fn summary(&self) -> (usize, u64) {
        (
            self.sites.len(),
            self.sites.values().map(SiteProfile::pages).sum(),
        )
    }
}

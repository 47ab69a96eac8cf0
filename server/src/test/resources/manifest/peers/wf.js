// stub module for ManifestLoaderTest: only its existence matters

// S3 client: Signature V4, multipart uploads, retries (libcurl).

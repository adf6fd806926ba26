"""Services hold the business logic. They flush; the request or the job commits."""

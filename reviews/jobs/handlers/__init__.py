"""One module per kind of background work; ``reviews.jobs.kinds`` lists which function runs each."""

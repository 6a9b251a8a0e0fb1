// `request`'s own outcome; `onSlow` is called once if it has not come within
// `ms`. The request is not cut short: a late answer is still worth having.
export async function noticingSlow(request, ms, onSlow) {
  const timer = setTimeout(onSlow, ms);
  try {
    return await request;
  } finally {
    clearTimeout(timer);
  }
}

// The walker's position, kept fresh with watchPosition. The log form takes
// the latest fix at the moment "+" is tapped.
export function watchPosition(onFix, onError) {
  if (!navigator.geolocation) {
    onError && onError(new Error('no geolocation'));
    return () => {};
  }
  const id = navigator.geolocation.watchPosition(
    (p) =>
      onFix({
        lat: p.coords.latitude,
        lon: p.coords.longitude,
        accuracy_m: p.coords.accuracy,
        at: p.timestamp,
      }),
    (err) => onError && onError(err),
    // maximumAge 0: an old cached fix would put the camera where she was.
    { enableHighAccuracy: true, maximumAge: 0, timeout: 30_000 },
  );
  return () => navigator.geolocation.clearWatch(id);
}

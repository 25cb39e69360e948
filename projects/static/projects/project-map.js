/* The map of a joint project's partners: one marker per initiative with coordinates (the lead
 * and the confirmed partners), read from the JSON the page embeds. Leaflet and the marker
 * icons come from the registry's map include. */
(function () {
    "use strict";
    function init() {
        var el = document.getElementById("project-map");
        var data = document.getElementById("project-map-points");
        if (!el || !data || typeof L === "undefined") { return; }
        var icons = document.getElementById("registry-map-icons");
        if (icons) {
            L.Icon.Default.imagePath = "";
            L.Icon.Default.mergeOptions(JSON.parse(icons.textContent));
        }
        var points = JSON.parse(data.textContent);
        var map = L.map(el, { maxZoom: 18, minZoom: 2, scrollWheelZoom: false });
        if (el.dataset.tileUrl) {
            L.tileLayer(el.dataset.tileUrl, {
                maxZoom: 18,
                attribution: el.dataset.attribution || "",
                errorTileUrl: "data:image/gif;base64,R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw=="
            }).addTo(map);
        }
        var markers = points.map(function (point) {
            var marker = L.marker([point.lat, point.lon], { title: point.name });
            var text = document.createElement(point.url ? "a" : "span");
            text.textContent = point.name;
            if (point.url) { text.href = point.url; }
            marker.bindPopup(text);
            return marker.addTo(map);
        });
        if (markers.length === 1) {
            map.setView(markers[0].getLatLng(), 6);
        } else {
            map.fitBounds(L.featureGroup(markers).getBounds(), { padding: [24, 24], maxZoom: 8 });
        }
        el.dataset.markers = String(markers.length);
    }
    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", init);
    } else {
        init();
    }
})();

/* Articula registry maps: the registry map (clustered markers from the compact GeoJSON, popups
 * fetched on demand), the small map of one initiative and the map picker of the form.
 * Works without tiles: maxZoom is set on the map itself, and a tile error only shows a note. */
(function () {
    "use strict";
    if (typeof L === "undefined") {
        return;
    }
    var DEFAULT_CENTER = [4.6, -74.1];
    var icons = document.getElementById("registry-map-icons");
    if (icons) {
        // The collected (hashed) marker image URLs: Leaflet's own guess from its CSS 404s.
        // imagePath "" stops Leaflet prefixing its guessed folder to these absolute URLs.
        L.Icon.Default.imagePath = "";
        L.Icon.Default.mergeOptions(JSON.parse(icons.textContent));
    }

    function strings() {
        var el = document.getElementById("registry-map-strings");
        return el ? JSON.parse(el.textContent) : {};
    }

    function baseMap(el, options) {
        var map = L.map(el, Object.assign({ maxZoom: 18, minZoom: 2, worldCopyJump: true }, options || {}));
        var url = el.dataset.tileUrl;
        if (url) {
            // A tile that fails shows as a transparent square (no broken-image icon), and the
            // first failure removes the layer: an unreachable tile server (offline, blocked)
            // costs one round of failed requests, not one per pan and zoom.
            var layer = L.tileLayer(url, {
                maxZoom: 18,
                attribution: el.dataset.attribution || "",
                errorTileUrl: "data:image/gif;base64,R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw=="
            });
            var warned = false;
            layer.on("tileerror", function () {
                if (warned) { return; }
                warned = true;
                el.classList.add("registry-map--no-tiles");
                window.setTimeout(function () { map.removeLayer(layer); }, 0);
                var note = strings().tiles_error;
                if (note) { status(el, note); }
            });
            layer.addTo(map);
        } else {
            el.classList.add("registry-map--no-tiles");
        }
        return map;
    }

    function status(el, text) {
        var box = el.parentNode.querySelector(".registry-map__note");
        if (!box) {
            box = document.createElement("p");
            box.className = "registry-map__note meta";
            box.setAttribute("role", "status");
            el.parentNode.insertBefore(box, el.nextSibling);
        }
        box.textContent = text;
    }

    function escapeHtml(text) {
        var div = document.createElement("div");
        div.textContent = text == null ? "" : String(text);
        return div.innerHTML;
    }

    function registryMap(el) {
        var t = strings();
        el.innerHTML = "";
        el.classList.add("is-ready");
        var map = baseMap(el);
        map.setView(DEFAULT_CENTER, 3);
        var cluster = L.markerClusterGroup({ chunkedLoading: true, showCoverageOnHover: false });
        map.addLayer(cluster);
        var popupUrl = el.dataset.popupUrl;  // ".../0/popup.json"
        status(el, t.loading || "");
        fetch(el.dataset.geojsonUrl, { headers: { Accept: "application/geo+json" } })
            .then(function (response) {
                if (!response.ok) { throw new Error(response.status); }
                return response.json();
            })
            .then(function (data) {
                var markers = data.features.map(function (feature) {
                    var c = feature.geometry.coordinates;
                    var marker = L.marker([c[1], c[0]], { keyboard: true });
                    marker.featureId = feature.id;
                    marker.bindPopup("…");
                    marker.on("popupopen", function () { loadPopup(marker, popupUrl, t); });
                    return marker;
                });
                cluster.addLayers(markers);
                if (markers.length) {
                    map.fitBounds(cluster.getBounds(), { padding: [24, 24], maxZoom: 12 });
                    status(el, (t.count || "%(count)s").replace("%(count)s", markers.length));
                } else {
                    status(el, t.none || "");
                }
                el.dataset.markers = String(markers.length);
            })
            .catch(function () {
                status(el, t.error || "");
            });
    }

    function loadPopup(marker, popupUrl, t) {
        if (marker.loaded) { return; }
        var url = popupUrl.replace(/\/0\/popup\.json$/, "/" + marker.featureId + "/popup.json");
        fetch(url).then(function (response) { return response.json(); }).then(function (data) {
            marker.loaded = true;
            var html = '<div class="registry-popup"><p class="registry-popup__title"><a href="' +
                escapeHtml(data.url) + '">' + escapeHtml(data.name) + "</a></p>" +
                '<p class="meta">' + escapeHtml(data.place) + "</p>" +
                (data.stage ? '<p class="meta">' + escapeHtml(data.kind) + " · " + escapeHtml(data.stage) + "</p>" : '<p class="meta">' + escapeHtml(data.kind) + "</p>") +
                (data.summary ? "<p>" + escapeHtml(data.summary) + "</p>" : "") +
                '<p><a href="' + escapeHtml(data.url) + '">' + escapeHtml(t.open || "") + "</a></p></div>";
            marker.setPopupContent(html);
        }).catch(function () {
            marker.setPopupContent(escapeHtml(t.error || ""));
        });
    }

    function smallMap(el) {
        var lat = parseFloat(el.dataset.lat);
        var lon = parseFloat(el.dataset.lon);
        var map = baseMap(el, { scrollWheelZoom: false });
        map.setView([lat, lon], 11);
        L.marker([lat, lon], { keyboard: false }).addTo(map);
    }

    function pickerMap(el) {
        var latInput = document.getElementById(el.dataset.latInput);
        var lonInput = document.getElementById(el.dataset.lonInput);
        var map = baseMap(el);
        var marker = null;
        function current() {
            var lat = parseFloat((latInput.value || "").replace(",", "."));
            var lon = parseFloat((lonInput.value || "").replace(",", "."));
            if (isNaN(lat) || isNaN(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) { return null; }
            return [lat, lon];
        }
        function write(latlng) {
            latInput.value = latlng.lat.toFixed(6);
            lonInput.value = L.Util.wrapNum(latlng.lng, [-180, 180], true).toFixed(6);
            latInput.dispatchEvent(new Event("change"));
        }
        function place(latlng) {
            if (marker) {
                marker.setLatLng(latlng);
            } else {
                marker = L.marker(latlng, { draggable: true }).addTo(map);
                marker.on("dragend", function () { write(marker.getLatLng()); });
            }
        }
        var start = current();
        if (start) {
            map.setView(start, 10);
            place(L.latLng(start[0], start[1]));
        } else {
            map.setView(DEFAULT_CENTER, 3);
        }
        map.on("click", function (event) {
            place(event.latlng);
            write(event.latlng);
        });
        function typed() {
            var value = current();
            if (value) {
                place(L.latLng(value[0], value[1]));
                map.panTo(value);
            }
        }
        latInput.addEventListener("input", typed);
        lonInput.addEventListener("input", typed);
    }

    function init() {
        var el = document.getElementById("registry-map");
        if (el && L.markerClusterGroup) { registryMap(el); }
        el = document.getElementById("initiative-map");
        if (el) { smallMap(el); }
        el = document.getElementById("map-picker");
        if (el) { pickerMap(el); }
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", init);
    } else {
        init();
    }
})();

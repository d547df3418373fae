package io.billow.catalog;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Node;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Loads the catalog from YAML files an operator can edit: one product per file (format in
 * {@code catalog/README.md}). A catalog with mistakes is refused as a whole, naming every
 * mistake with its file and line.
 */
public final class CatalogLoader {


    private CatalogLoader() {
    }

    public static Catalog fromDirectory(Path dir) {
        List<Map.Entry<String, String>> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList()) {
                files.add(Map.entry(dir.getFileName() + "/" + p.getFileName(), Files.readString(p, StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the catalog directory " + dir, e);
        }
        if (files.isEmpty()) {
            throw new CatalogException(List.of(dir + ": no *.yaml catalog files"));
        }
        return fromTexts(files);
    }

    public static Catalog fromClasspath() {
        List<Map.Entry<String, String>> files = new ArrayList<>();
        for (String name : bundledNames()) {
            try (InputStream in = CatalogLoader.class.getResourceAsStream("/catalog/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("the bundled catalog file catalog/" + name + " is missing from the build");
                }
                files.add(Map.entry("catalog/" + name, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return fromTexts(files);
    }

    /**
     * The product files built into Billow: every {@code catalog/*.yaml} beside this class, in the
     * jar or in the build's class directory. No list to keep: a new product file is found.
     */
    static List<String> bundledNames() {
        try {
            Path origin = Path.of(CatalogLoader.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            List<String> names = new ArrayList<>();
            if (Files.isDirectory(origin)) {
                try (Stream<Path> s = Files.list(origin.resolve("catalog"))) {
                    s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).forEach(names::add);
                }
            } else {
                try (JarFile jar = new JarFile(origin.toFile())) {
                    jar.stream().map(JarEntry::getName).filter(n -> n.startsWith("catalog/") && n.endsWith(".yaml")
                            && n.indexOf('/', "catalog/".length()) < 0).forEach(n -> names.add(n.substring("catalog/".length())));
                }
            }
            if (names.isEmpty()) {
                throw new IllegalStateException("no catalog/*.yaml files were built into Billow at " + origin);
            }
            names.sort(null);
            return names;
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot list the bundled catalog: " + e.getMessage(), e);
        }
    }

    /** Loads (file name, YAML text) pairs; the names appear in error messages. */
    public static Catalog fromTexts(List<Map.Entry<String, String>> files) {
        List<String> errors = new ArrayList<>();
        Map<String, Product> products = new LinkedHashMap<>();
        Map<String, String> productFile = new HashMap<>();
        List<PriceEntry> prices = new ArrayList<>();
        for (Map.Entry<String, String> f : files) {
            YamlFile file = new YamlFile(f.getKey(), errors);
            Node root;
            try {
                root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(f.getValue()));
            } catch (RuntimeException e) {
                errors.add(f.getKey() + ": not valid YAML: " + e.getMessage().replace('\n', ' '));
                continue;
            }
            if (root == null) {
                errors.add(f.getKey() + ": the file is empty");
                continue;
            }
            Optional<Product> product = new ProductReader(file).read(root, prices);
            product.ifPresent(p -> {
                String earlier = productFile.putIfAbsent(p.code(), file.name());
                if (earlier != null) {
                    file.error(root, "product '" + p.code() + "' is already defined in " + earlier);
                } else {
                    products.put(p.code(), p);
                }
            });
        }
        PriceBook book = null;
        if (errors.isEmpty()) {
            try {
                book = PriceBook.of(prices);
            } catch (OverlappingPriceException e) {
                errors.add(e.second().source() + ": overlapping price versions: " + e.first().item() + " at spec " + e.first().spec()
                        + " in region " + e.first().region() + " and " + e.first().currency() + " takes effect at "
                        + e.first().effectiveFrom() + " both here and at " + e.first().source());
            }
        }
        if (!errors.isEmpty()) {
            throw new CatalogException(errors);
        }
        return new Catalog(products, book);
    }
}

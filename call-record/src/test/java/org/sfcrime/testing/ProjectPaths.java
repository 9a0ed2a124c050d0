package org.sfcrime.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the checkout, so tests can run the project's scripts and jars as users do. */
public final class ProjectPaths {

    private ProjectPaths() {
    }

    /** The project root: the folder holding scripts/start.sh, found from the working directory up. */
    public static Path root() {
        String configured = System.getProperty("project.root");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("scripts/start.sh"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the project root (scripts/start.sh) above " + Path.of("").toAbsolutePath());
    }

    public static Path resolve(String relative) {
        return root().resolve(relative);
    }

    /** The bundled synthetic sample of calls. */
    public static Path sampleCalls() {
        return resolve("data/police-department-calls-for-service.json");
    }

    public static Path radioCodes() {
        return resolve("data/radio_code.json");
    }
}

package dev.parley.server.devservices;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;

/** Builds the command line of a child JVM that runs one of our classes on our own classpath. */
final class JavaCommand {

    private static final String BOOT_LAUNCHER = "org.springframework.boot.loader.launch.PropertiesLauncher";

    private JavaCommand() {}

    static List<String> forMainClass(Class<?> mainClass, List<String> jvmOptions) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        String classpath = System.getProperty("java.class.path");
        var command = new ArrayList<String>();
        command.add(java.toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath);
        if (isBootFatJar(classpath)) {
            // Nested jars are only reachable through Boot's launcher; it runs loader.main with the full classpath.
            command.add("-Dloader.main=" + mainClass.getName());
            command.add(BOOT_LAUNCHER);
        } else {
            command.add(mainClass.getName());
        }
        return command;
    }

    private static boolean isBootFatJar(String classpath) {
        if (classpath.contains(java.io.File.pathSeparator) || !classpath.endsWith(".jar")) {
            return false;
        }
        Path jar = Path.of(classpath);
        if (!Files.isRegularFile(jar)) {
            return false;
        }
        try (var file = new JarFile(jar.toFile())) {
            return file.getEntry("BOOT-INF/") != null || file.getEntry("BOOT-INF/classes/") != null;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}

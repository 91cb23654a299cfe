package dev.livediffusion.admin;

import io.quarkus.arc.Arc;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The application's REST endpoints as it registered them (its resource beans, read off their annotations), so a
 * test of every admin route cannot miss one added later. Path parameters are filled with {@code 1} or with the
 * value given for their name.
 */
final class AdminRoutes {

    record Endpoint(String method, String path, boolean adminOnly, boolean open) {
    }

    private static final Map<Class<? extends Annotation>, String> VERBS = Map.of(GET.class, "GET", POST.class, "POST",
            PUT.class, "PUT", PATCH.class, "PATCH", DELETE.class, "DELETE");

    private AdminRoutes() {
    }

    /** Every endpoint whose path starts with /admin. */
    static List<Endpoint> underAdmin(Map<String, String> parameters) {
        List<Endpoint> endpoints = new ArrayList<>();
        for (Bean<?> bean : Arc.container().beanManager().getBeans(Object.class, Any.Literal.INSTANCE)) {
            Class<?> resource = bean.getBeanClass();
            Path base = resource.getAnnotation(Path.class);
            if (base == null) {
                continue;
            }
            for (Method method : resource.getDeclaredMethods()) {
                String verb = verb(method);
                if (verb == null) {
                    continue;
                }
                Path sub = method.getAnnotation(Path.class);
                String path = (base.value() + (sub == null ? "" : "/" + sub.value())).replaceAll("/+", "/");
                for (Map.Entry<String, String> parameter : parameters.entrySet()) {
                    path = path.replace("{" + parameter.getKey() + "}", parameter.getValue());
                }
                path = path.replaceAll("\\{[^}]+}", "1");
                if (path.equals("/admin") || path.startsWith("/admin/")) {
                    endpoints.add(new Endpoint(verb, path, annotated(method, RolesAllowed.class), annotated(method, PermitAll.class)));
                }
            }
        }
        return endpoints;
    }

    private static String verb(Method method) {
        for (Map.Entry<Class<? extends Annotation>, String> verb : VERBS.entrySet()) {
            if (method.isAnnotationPresent(verb.getKey())) {
                return verb.getValue();
            }
        }
        return null;
    }

    /** The method's own security annotation wins over its class's, as in Quarkus. */
    private static boolean annotated(Method method, Class<? extends Annotation> annotation) {
        boolean ownRule = method.isAnnotationPresent(RolesAllowed.class) || method.isAnnotationPresent(PermitAll.class);
        return ownRule ? method.isAnnotationPresent(annotation) : method.getDeclaringClass().isAnnotationPresent(annotation);
    }
}

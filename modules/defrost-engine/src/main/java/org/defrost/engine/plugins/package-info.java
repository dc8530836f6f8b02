/**
 * Stage plugins from a directory. Each plugin (a jar, or a directory of classes and jars) gets its own
 * child-first class loader, so plugins may bundle different versions of the same library; a short list
 * of packages is always taken from the application so that plugins and engine agree on the types they
 * exchange (see {@link org.defrost.engine.plugins.PluginClassLoader#PARENT_FIRST}).
 */
package org.defrost.engine.plugins;

# cmake --install: headers, static libraries, the optcheck command and a CMake package, so that a project can
#   find_package(optcheck CONFIG REQUIRED)
#   target_link_libraries(my_tests PRIVATE optcheck::optcheck)
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

install(DIRECTORY lib/optcheck/ api/optcheck/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/optcheck
        FILES_MATCHING PATTERN "*.hpp")
foreach(dir properties theorems reports cli)
  install(DIRECTORY ${dir}/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/optcheck/engine/${dir}
          FILES_MATCHING PATTERN "*.hpp" PATTERN "*.def")
endforeach()

install(TARGETS optcheck optcheck_lib optcheck_properties optcheck_problems_mp optcheck_reports optcheck_api optcheck_builtin
                optcheck_catalogue optcheck_checks_native optcheck_checks_mp optcheck_checks_policy
        EXPORT optcheckTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(TARGETS optcheck_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(EXPORT optcheckTargets NAMESPACE optcheck:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/optcheck)

configure_package_config_file(cmake/optcheckConfig.cmake.in ${CMAKE_BINARY_DIR}/optcheckConfig.cmake
                              INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/optcheck)
write_basic_package_version_file(${CMAKE_BINARY_DIR}/optcheckConfigVersion.cmake COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_BINARY_DIR}/optcheckConfig.cmake ${CMAKE_BINARY_DIR}/optcheckConfigVersion.cmake
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/optcheck)

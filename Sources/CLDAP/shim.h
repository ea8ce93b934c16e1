// OpenLDAP's client library, from Debian's libldap-dev.
#include <ldap.h>
